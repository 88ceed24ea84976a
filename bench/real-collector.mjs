// The real Kizuna collector for the chat benchmark: `node build/server/start.js` on 127.0.0.1 with a fresh
// PGlite data directory and a random operator token, as test/e2e/support/real-collector.ts starts it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the built collector and resolves once it says where it listens.
 * @returns {Promise<{origin: string, admin: (path: string, init?: RequestInit) => Promise<Response>, stop: () => Promise<void>}>}
 */
export async function startRealCollector(root, { timeoutMs = 30_000 } = {}) {
  const start = join(root, 'build/server/start.js');
  if (!existsSync(start)) throw new Error(`${start} is missing: run npm run build:server`);
  const token = `op-${randomBytes(16).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'kizuna-bench-chat-'));
  const child = spawn(process.execPath, [start], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KIZUNA_DATA_DIR: dataDir, KIZUNA_ADMIN_TOKEN: token, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the collector did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      child.stdout.on('data', () => {
        const m = /Kizuna collector on http:\/\/[^:]+:(\d+)/.exec(output);
        if (m) clearTimeout(timer), resolve(m[1]);
      });
      child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`the collector exited with ${code}:\n${output}`))));
    });
    child.removeAllListeners('exit');
    const origin = `http://127.0.0.1:${port}`;
    return {
      origin,
      admin(path, init = {}) {
        const headers = new Headers(init.headers);
        headers.set('authorization', `Bearer ${token}`);
        return fetch(`${origin}/v1/admin${path}`, { ...init, headers });
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
