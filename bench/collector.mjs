// Collector throughput: events/s and p50/p99 latency for SDK-shaped batches of 20, sent by autocannon from this
// process to a collector running in a second process on 127.0.0.1. Targets: a no-op Fastify route (the ceiling
// on this machine), the collector on PGlite, and on PostgreSQL when a URL is configured
// (KIZUNA_BENCH_DATABASE_URL, else KIZUNA_TEST_DATABASE_URL, else DATABASE_URL).
//
// Usage: npm run bench:collector  [BENCH_DURATION=10 BENCH_CONNECTIONS=10 BENCH_RUNS=3]
// Writes bench/results/collector.json. `npm run bench` runs the same measurement through benchCollector().
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BATCH = 20;
/** The PostgreSQL URL from the environment, if any (KIZUNA_BENCH_DATABASE_URL, KIZUNA_TEST_DATABASE_URL, DATABASE_URL). */
export const postgresUrlFromEnv = () => process.env.KIZUNA_BENCH_DATABASE_URL || process.env.KIZUNA_TEST_DATABASE_URL || process.env.DATABASE_URL;
const pgUrl = postgresUrlFromEnv();
const UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

// ---------------------------------------------------------------------------------------------------------------
// Server side (child process): `node bench/collector.mjs --serve <target>` prints {"port":N} when listening.
async function serve(target) {
  let app;
  let cleanup = async () => {};
  if (target === 'noop') {
    const { default: Fastify } = await import('fastify');
    app = Fastify({ bodyLimit: 500 * 1024 });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body));
      } catch (error) {
        done(error);
      }
    });
    app.post('/v1/batch', async () => ({ ok: true }));
  } else {
    // KIZUNA_BENCH_SERVER_ROOT: bench/run.mjs's snapshot of the build (bench/snapshot.mjs), else this checkout.
    const { createServer } = await import(path.join(process.env.KIZUNA_BENCH_SERVER_ROOT || root, 'build/server/create-server.js'));
    let storeOptions;
    if (target === 'postgres') {
      const schema = `kizuna_bench_${process.pid}`;
      storeOptions = { databaseUrl: pgUrl, schema, poolSize: 10 };
      cleanup = async () => {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      };
    } else {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'kizuna-bench-'));
      storeOptions = { dataDir };
      cleanup = () => rm(dataDir, { recursive: true, force: true });
    }
    // The rate limit stays on (its counter is part of the cost) but far above what this run can send.
    ({ app } = await createServer({ storeOptions, adminToken: 'bench-operator-token-0123456789', logLevel: 'error', rateLimit: 1e9, purgeIntervalMs: 0 }));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);
  const stop = async () => {
    await app.close();
    await cleanup();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

// ---------------------------------------------------------------------------------------------------------------
// Load side (this process).
function startServer(target, databaseUrl, serverRoot) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', target], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KIZUNA_BENCH_DATABASE_URL: databaseUrl ?? '', ...(serverRoot ? { KIZUNA_BENCH_SERVER_ROOT: serverRoot } : {}) },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, port: JSON.parse(line).port });
    });
    child.on('exit', (code) => reject(new Error(`${target} server exited with ${code}`)));
  });
}

function batchBody() {
  const now = new Date().toISOString();
  const anonymousId = randomUUID();
  const sessionId = randomUUID();
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    type: i === 0 ? 'page' : 'track',
    ...(i === 0 ? { name: 'Pricing' } : { event: 'Link Clicked', properties: { href: 'https://example.com/docs', text: 'Docs', outbound: true } }),
    messageId: randomUUID(),
    anonymousId,
    timestamp: now,
    context: {
      page: { url: 'http://localhost:3000/pricing', path: '/pricing', search: '', referrer: '', title: 'Pricing' },
      locale: 'en-US',
      timezone: 'Asia/Tokyo',
      screen: { width: 1440, height: 900, density: 2 },
      library: { name: 'kizuna', version: '0.1.0' },
      sessionId,
    },
  }));
  return JSON.stringify({ batch, sentAt: now, writeKey: 'pk_demo' });
}

async function load(port, duration, connections) {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://localhost:3000', 'user-agent': UA },
        // Fresh messageIds every request: a repeated body would only measure the duplicate path.
        setupRequest: (req) => ({ ...req, body: batchBody() }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    eventsPerSecond: Math.round((ok * BATCH) / (result.duration || duration)),
    requestsPerSecond: Math.round(ok / (result.duration || duration)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Labels of the targets, as the tables print them. */
export const TARGET_LABELS = { noop: 'no-op Fastify route (ceiling)', pglite: 'Kizuna collector, PGlite', postgres: 'Kizuna collector, PostgreSQL' };

/**
 * Measures each target `runs` times (a fresh server process and store each run, one warm-up request first) and
 * returns the medians with every run. PostgreSQL is measured only when `databaseUrl` is given. `serverRoot` is
 * where build/server/ is (default: this checkout).
 */
export async function benchCollector({ databaseUrl, serverRoot, duration = 10, connections = 10, runs = 3, progress = () => {} }) {
  const targets = ['noop', 'pglite', ...(databaseUrl ? ['postgres'] : [])];
  const rows = [];
  for (const target of targets) {
    const all = [];
    for (let r = 0; r < runs; r++) {
      progress(`collector: ${TARGET_LABELS[target]}, run ${r + 1}/${runs}, ${duration} s`);
      const { child, port } = await startServer(target, databaseUrl, serverRoot);
      try {
        // Warm up (JIT, PGlite caches, pool connections) before measuring.
        await fetch(`http://127.0.0.1:${port}/v1/batch`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://localhost:3000', 'user-agent': UA }, body: batchBody() });
        all.push(await load(port, duration, connections));
      } finally {
        child.removeAllListeners('exit');
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    const med = (k) => median(all.map((x) => x[k]));
    rows.push({
      target,
      eventsPerSecond: med('eventsPerSecond'),
      requestsPerSecond: med('requestsPerSecond'),
      p50Ms: med('p50Ms'),
      p99Ms: med('p99Ms'),
      non2xx: all.reduce((n, x) => n + x.non2xx + x.errors, 0),
      runs: all,
    });
  }
  return { settings: { batch: BATCH, connections, durationSeconds: duration, runs }, results: rows };
}

async function main() {
  const duration = Number(process.env.BENCH_DURATION || 10);
  const connections = Number(process.env.BENCH_CONNECTIONS || 10);
  const runs = Number(process.env.BENCH_RUNS || 3);
  if (!pgUrl) console.warn('bench:collector: no PostgreSQL URL (KIZUNA_BENCH_DATABASE_URL / KIZUNA_TEST_DATABASE_URL / DATABASE_URL): skipping the PostgreSQL row');
  const { settings, results: rows } = await benchCollector({ databaseUrl: pgUrl, duration, connections, runs, progress: (m) => process.stderr.write(`${m}\n`) });

  const header = ['target', 'events/s', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'];
  const table = rows.map((r) => [TARGET_LABELS[r.target], r.eventsPerSecond, r.requestsPerSecond, r.p50Ms, r.p99Ms, r.non2xx].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nCollector: batches of ${BATCH} events, ${connections} connections, ${duration} s each, median of ${runs}, autocannon in a second process\n`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));

  await mkdir(path.join(here, 'results'), { recursive: true });
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    settings,
    results: rows,
  };
  await writeFile(path.join(here, 'results', 'collector.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('\nwrote bench/results/collector.json');
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
