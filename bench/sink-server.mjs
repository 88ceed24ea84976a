// A local stand-in for every library's backend during the benchmark: serves the libraries' own files from
// dist/ and node_modules, answers every ingestion request with 200 at once, and counts what was asked for.
// Binds 127.0.0.1 only; nothing leaves the machine.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

/**
 * Starts the sink. `statics` maps URL prefixes to directories, `pages` maps paths to HTML, `json` maps paths (or
 * prefixes ending in '*') to JSON answers for GETs. Every POST is drained and answered 200 '{}'.
 * @returns {Promise<{origin: string, pages: Map<string,string>, stats: () => {posts: number, gets: Map<string, {count: number, bytes: number}>}, reset(): void, close(): Promise<void>}>}
 */
export async function startSink({ statics, json }) {
  const pages = new Map();
  let posts = 0;
  let gets = new Map();
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    res.setHeader('access-control-allow-origin', req.headers.origin || '*');
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] || 'content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (req.method === 'POST') {
      posts++;
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      return;
    }
    const note = (bytes) => {
      const g = gets.get(path) ?? { count: 0, bytes: 0 };
      g.count++;
      g.bytes += bytes;
      gets.set(path, g);
    };
    if (pages.has(path)) {
      const html = pages.get(path);
      note(Buffer.byteLength(html));
      return res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(html);
    }
    for (const [p, body] of Object.entries(json)) {
      if (p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1)))) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        note(Buffer.byteLength(text));
        const type = path.endsWith('.js') ? TYPES['.js'] : TYPES['.json'];
        return res.writeHead(200, { 'content-type': type }).end(text);
      }
    }
    for (const [prefix, dir] of Object.entries(statics)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      try {
        const data = await readFile(file);
        note(data.length);
        // Cached like a CDN would, but every run uses a fresh context, so every run downloads and compiles.
        return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(data);
      } catch {
        break;
      }
    }
    note(0);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    pages,
    stats: () => ({ posts, gets }),
    reset() {
      posts = 0;
      gets = new Map();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((ok) => server.close(ok));
    },
  };
}
