import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import type { Store } from '../../server/store/store.js';
import { testServer } from './helpers/test-server.js';
import { closeTestStore, openTestStore } from './helpers/test-stores.js';

// Static serving does not touch the database; PGlite stands in for both stores here.
describe('static files', () => {
  let store: Store;
  let server: KizunaServer;
  let missing: KizunaServer;
  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'kizuna-static-'));
    const put = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    await put('dist/kizuna.js', 'console.log("sdk")');
    await put('dist/kizuna-vitals.js', '/* vitals */');
    await put('dist/esm/index.js', 'export {}');
    await put('demo/index.html', '<h1>demo home</h1>');
    await put('demo/about/index.html', '<h1>about</h1>');
    await put('demo/spa/index.html', '<h1>spa shell</h1>');
    await put('demo/secret.txt', 'not under dist');
    await put('console/index.html', '<h1>console shell</h1>');
    await put('console/app.js', 'app()');
    store = await openTestStore('pglite');
    server = await testServer(store, {
      paths: { sdkDir: path.join(root, 'dist'), demoDir: path.join(root, 'demo'), consoleDir: path.join(root, 'console') },
    });
    missing = await testServer(store, {
      paths: { sdkDir: path.join(root, 'nope-dist'), demoDir: path.join(root, 'nope-demo'), consoleDir: path.join(root, 'nope-console') },
    });
  });
  afterAll(async () => {
    await server?.app.close();
    await missing?.app.close();
    await closeTestStore(store);
  });
  const get = (url: string, headers: Record<string, string> = {}, app = server) => app.app.inject({ method: 'GET', url, headers });

  it('serves the SDK cross-origin with cache headers and an ETag', async () => {
    for (const url of ['/kizuna.js', '/kizuna-vitals.js', '/esm/index.js']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['cache-control']).toBe('public, max-age=3600, stale-while-revalidate=86400');
      expect(res.headers.etag).toBeTruthy();
    }
    const etag = (await get('/kizuna.js')).headers.etag as string;
    expect((await get('/kizuna.js', { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get('/kizuna-widget.js')).statusCode).toBe(404); // not built yet
  });

  it('serves the demo at / with the SPA fallback, and nothing outside it', async () => {
    expect((await get('/')).body).toContain('demo home');
    expect((await get('/about/')).body).toContain('about');
    expect((await get('/spa/settings/profile')).body).toContain('spa shell');
    expect((await get('/spa')).body).toContain('spa shell');
    expect((await get('/nope.html')).statusCode).toBe(404);
    expect((await get('/../package.json')).statusCode).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).statusCode).toBe(404);
    expect((await get('/esm/../../demo/secret.txt')).statusCode).toBe(404);
  });

  it('serves the console at /console with its index as the fallback for client routes', async () => {
    expect((await get('/console')).statusCode).toBe(302);
    expect((await get('/console')).headers.location).toBe('/console/');
    const index = await get('/console/');
    expect(index.body).toContain('console shell');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['x-frame-options']).toBe('DENY');
    const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
    expect(index.headers['content-security-policy']).toBe(csp);
    expect((await get('/console/app.js')).headers['content-security-policy']).toBe(csp);
    expect((await get('/console/sites/demo/events')).body).toContain('console shell');
    expect((await get('/console/app.js')).body).toBe('app()');
  });

  it('answers 404 (and keeps serving the API) when dist/, demo/ or build/console/ are missing', async () => {
    for (const url of ['/kizuna.js', '/esm/index.js', '/', '/spa/x', '/console/', '/console/x']) {
      expect((await get(url, {}, missing)).statusCode, url).toBe(404);
    }
    expect((await missing.app.inject({ method: 'GET', url: '/v1/admin/me' })).statusCode).toBe(401);
  });
});
