// A local stand-in for every library's backend during the benchmark: serves the libraries' own files from
// dist/ and node_modules (compressed as a CDN would), answers ingestion POSTs, and records what was asked for.
// The delivery benchmark runs a second one as the recording collector: it answers a seeded 30 % of the POSTs
// with 503 and can go offline (the port refuses connections) for a spell. Binds 127.0.0.1 only.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

/** mulberry32: a small seeded PRNG, so every contender meets the same run of 503s request by request. */
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

/**
 * @typedef {object} SinkPost  one ingestion request as the sink received and answered it
 * @property {string} path
 * @property {URLSearchParams} query
 * @property {Record<string, string | string[] | undefined>} headers
 * @property {Buffer} body
 * @property {number} status  what the sink answered (200 or 503)
 * @property {number} at  Date.now() when the body was complete
 */

/**
 * Starts the sink. `statics` maps URL prefixes to directories, `pages` maps paths to HTML, `json` maps paths (or
 * prefixes ending in '*') to answers for GETs. Every POST is recorded and answered 200 '{}', or 503 for a share
 * `faults.errorRate` of them: each first path segment (one per library) draws from its own PRNG seeded with
 * `faults.seed`, so request n of every library meets the same fate. With `compress`, files and pages are served
 * with brotli or gzip as the browser accepts (a CDN's behaviour; the bytes-transferred figures count the wire).
 * @param {{statics?: Record<string,string>, json?: Record<string, unknown>, faults?: {errorRate: number, seed: number}, compress?: boolean}} options
 */
export async function startSink({ statics = {}, json = {}, faults, compress = false }) {
  const pages = new Map();
  /** @type {SinkPost[]} */
  let received = [];
  let gets = new Map();
  let rngs = new Map();
  let postBytes = 0;
  const sockets = new Set();
  const packed = new Map();

  /** Sends `data`, compressed when allowed; returns the body bytes written. */
  const reply = (req, res, type, data, headers = {}) => {
    const accept = String(req.headers['accept-encoding'] || '');
    let body = Buffer.from(data);
    let encoding;
    if (compress && body.length > 256) {
      encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
      if (encoding) {
        const key = `${encoding} ${createHash('sha1').update(body).digest('hex')}`;
        if (!packed.has(key))
          packed.set(key, encoding === 'br' ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
        body = packed.get(key);
      }
    }
    res.writeHead(200, { 'content-type': type, ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}), ...headers }).end(body);
    return body.length;
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    res.setHeader('access-control-allow-origin', req.headers.origin || '*');
    res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] || 'content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return res.writeHead(204).end();
    if (req.method === 'POST') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        postBytes += body.length;
        const stream = path.split('/')[1] ?? '';
        if (faults && !rngs.has(stream)) rngs.set(stream, seeded(faults.seed));
        const status = faults && rngs.get(stream)() < faults.errorRate ? 503 : 200;
        received.push({ path, query: url.searchParams, headers: req.headers, body, status, at: Date.now() });
        if (status === 503) res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    const note = (bytes) => {
      const g = gets.get(path) ?? { count: 0, bytes: 0 };
      g.count++;
      g.bytes += bytes;
      gets.set(path, g);
    };
    if (pages.has(path)) {
      note(reply(req, res, TYPES['.html'], pages.get(path), { 'cache-control': 'no-store' }));
      return;
    }
    for (const [p, body] of Object.entries(json)) {
      if (p === path || (p.endsWith('*') && path.startsWith(p.slice(0, -1)))) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        note(reply(req, res, path.endsWith('.js') ? TYPES['.js'] : TYPES['.json'], text));
        return;
      }
    }
    for (const [prefix, dir] of Object.entries(statics)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) break;
      try {
        const data = await readFile(file);
        // Cached like a CDN would, but every run uses a fresh context, so every run downloads and compiles.
        note(reply(req, res, TYPES[extname(file)] ?? 'application/octet-stream', data));
        return;
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
  const port = server.address().port;
  const origin = `http://127.0.0.1:${port}`;
  let offline = false;
  return {
    origin,
    pages,
    /** POSTs so far (with `posts` and `postBytes`), and GETs per path with the bytes sent. */
    stats: () => ({ posts: received.length, postBytes, gets }),
    /** Every POST since the last reset, in arrival order, with the answer it got. */
    received: () => received,
    /** Forgets what was received; `seed` starts a new run of 503s (the same for every library). */
    reset(seed) {
      if (faults && seed != null) faults = { ...faults, seed };
      received = [];
      gets = new Map();
      rngs = new Map();
      postBytes = 0;
    },
    /**
     * Offline: stop listening and cut every open connection, so the browser's requests fail with a refused
     * connection (and keep-alive sockets with a reset) until `setOffline(false)` listens on the same port again.
     */
    async setOffline(on) {
      if (on === offline) return;
      offline = on;
      if (on) {
        const closed = new Promise((ok) => server.close(ok));
        for (const s of sockets) s.destroy();
        await closed;
      } else {
        await new Promise((ok, fail) => {
          server.once('error', fail);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', fail);
            ok();
          });
        });
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (!offline) await new Promise((ok) => server.close(ok));
    },
  };
}
