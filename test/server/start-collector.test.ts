import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { startCollector } from '../../server/start-collector.js';

// What `npm start` does, in-process, on a fresh data directory. PostgreSQL's side of first start (demo site,
// token shared by several collectors) is covered in store.test.ts and admin.test.ts; this is PGlite on disk.
describe('starting the collector', () => {
  it('prints the demo and console URLs, and the generated token only once', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kizuna-start-'));
    const env = { PORT: '0', HOST: '127.0.0.1', KIZUNA_DATA_DIR: dataDir, KIZUNA_PURGE_INTERVAL_MINUTES: '0', KIZUNA_LOG_LEVEL: 'silent' };
    try {
      let out = '';
      const first = await startCollector(env, (t) => (out += t));
      expect(out).toMatch(/Demo site: {2}http:\/\/localhost:\d+\/ {3}\(demo site created: write key pk_demo\)/);
      expect(out).toMatch(/Console: {4}http:\/\/localhost:\d+\/console\//);
      const token = (await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim();
      expect(out).toContain(token);
      const port = (first.app.server.address() as { port: number }).port;
      const res = await fetch(`http://127.0.0.1:${port}/v1/admin/sites`, { headers: { authorization: `Bearer ${token}` } });
      expect((await res.json()).sites.map((s: { id: string }) => s.id)).toEqual(['demo']);
      await first.app.close();

      let again = '';
      const second = await startCollector(env, (t) => (again += t));
      expect(again).not.toContain(token);
      expect(again).not.toContain('demo site created');
      expect(again).toContain(`kept in ${path.join(dataDir, 'admin-token')}`);
      await second.app.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('reads its configuration from the environment and refuses malformed values', () => {
    const config = loadConfig({ PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://x@db/kizuna', KIZUNA_DEMO: '0', KIZUNA_RATE_LIMIT: '50' });
    expect(config).toMatchObject({ port: 9000, host: '0.0.0.0', server: { demo: false, rateLimit: 50, storeOptions: { databaseUrl: 'postgres://x@db/kizuna' } } });
    expect(loadConfig({}).server).toMatchObject({ demo: true, logLevel: 'warn', rateLimit: 10_000, storeOptions: { dataDir: path.resolve('data') } });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ KIZUNA_ADMIN_TOKEN: 'short' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ KIZUNA_LOG_LEVEL: 'loud' })).toThrow(/KIZUNA_LOG_LEVEL/);
  });
});
