import { randomBytes } from 'node:crypto';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store/store.js';
import { sha256Hex } from './secret-equal.js';

/** Where the operator token came from, and its digest (the token itself is never stored in the database). */
export interface AdminToken {
  hash: string;
  source: 'env' | 'generated' | 'stored';
  /** The new token, only on the start that generated it (print it once). */
  generated?: string;
  /** File holding the generated token (PGlite data dir only). */
  file?: string;
}

/** Settings key of the generated token's SHA-256. */
export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';

/**
 * Resolves the operator token: KIZUNA_ADMIN_TOKEN when set; otherwise a random one made on first start. Its
 * digest goes in the database with insert-if-absent, so when several collectors start at once on one
 * PostgreSQL exactly one generates it and the others use the same digest. With a data dir (PGlite) the token
 * is also written to `<dataDir>/admin-token` (mode 0600) so it can be found again.
 */
export async function resolveAdminToken(store: Store, options: { envToken?: string; dataDir?: string }): Promise<AdminToken> {
  if (options.envToken) return { hash: sha256Hex(options.envToken), source: 'env' };
  const candidate = randomBytes(24).toString('base64url');
  const hash = sha256Hex(candidate);
  const stored = await store.setSettingIfAbsent(ADMIN_TOKEN_SETTING, hash);
  const file = options.dataDir ? path.join(options.dataDir, 'admin-token') : undefined;
  if (stored !== hash) return { hash: stored, source: 'stored', ...(file ? { file } : {}) };
  if (file) {
    await mkdir(options.dataDir!, { recursive: true });
    await writeFile(file, `${candidate}\n`, { mode: 0o600 });
  }
  return { hash, source: 'generated', generated: candidate, ...(file ? { file } : {}) };
}
