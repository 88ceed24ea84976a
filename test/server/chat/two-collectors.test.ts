import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../../server/create-server.js';
import { repoRoot } from '../../../server/repo-root.js';
import type { Site, Store } from '../../../server/store/store.js';
import { operator, visitorOf } from '../helpers/chat.js';
import { openSse, type SseClient } from '../helpers/sse-client.js';
import { ADMIN_TOKEN, testServer, testSite } from '../helpers/test-server.js';
import { closeTestStore, openTestStore, schemaOf, STORE_KINDS } from '../helpers/test-stores.js';

const root = repoRoot();

// The second collector is a real Node process running the compiled server (tsc into a scratch directory under
// node_modules/.cache, so its imports resolve; a package.json there makes the output ES modules). The output holds
// server/ and src/shared/ side by side, as build/ does.
async function compileServer(): Promise<string> {
  const out = path.join(root, 'node_modules', '.cache', `kizuna-two-collectors-${randomBytes(4).toString('hex')}`);
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'package.json'), '{"type":"module"}\n');
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'server', 'tsconfig.json'), '--outDir', out]);
  return out;
}

const CHILD = `
const { createServer } = await import(process.env.KZ_CREATE_SERVER);
const s = await createServer({
  storeOptions: { databaseUrl: process.env.KZ_DATABASE_URL, schema: process.env.KZ_SCHEMA },
  adminToken: process.env.KZ_ADMIN_TOKEN, logLevel: false, purgeIntervalMs: 0, demo: false,
});
await s.app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(JSON.stringify({ port: s.app.server.address().port, pid: process.pid }) + '\\n');
process.on('SIGTERM', () => s.app.close().then(() => process.exit(0), () => process.exit(1)));
`;

function startChild(out: string, schema: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: {
      ...process.env,
      KZ_CREATE_SERVER: `file://${path.join(out, 'server', 'create-server.js')}`,
      KZ_DATABASE_URL: process.env.KIZUNA_TEST_DATABASE_URL,
      KZ_SCHEMA: schema,
      KZ_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve({ child, base: `http://127.0.0.1:${JSON.parse(text).port}` });
    });
    child.on('exit', (code) => reject(new Error(`second collector exited with ${code}`)));
  });
}

describe.skipIf(!STORE_KINDS.includes('postgres'))('two collector processes on one PostgreSQL', () => {
  let store: Store;
  let a: KizunaServer;
  let baseA: string;
  let baseB: string;
  let child: ChildProcess | undefined;
  let out: string | undefined;
  let site: Site;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    store = await openTestStore('postgres');
    [out] = await Promise.all([compileServer(), (async () => {
      a = await testServer(store);
      await a.app.listen({ port: 0, host: '127.0.0.1' });
    })()]);
    baseA = `http://127.0.0.1:${(a.app.server.address() as { port: number }).port}`;
    ({ child, base: baseB } = await startChild(out, schemaOf(store)!));
    site = await testSite(store);
  }, 120_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await a?.app.close();
    await closeTestStore(store);
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('a reply posted to collector B reaches the visitor streaming from collector A, and the reverse for the inbox', async () => {
    expect(child!.pid).not.toBe(process.pid);
    const v = await visitorOf(a, site);
    const visitorStream = await openSse(`${baseA}/v1/chat/stream`, v.auth);
    streams.push(visitorStream);
    const inboxOnB = await openSse(`${baseB}/v1/admin/sites/${site.id}/conversations/stream`, operator);
    streams.push(inboxOnB);
    expect(inboxOnB.status).toBe(200);

    // Visitor → A, operator watching B.
    const t0 = performance.now();
    const sent = await v.send('Hello from a visitor on collector A');
    const seen = await inboxOnB.next((e) => e.event === 'message');
    const toOperatorMs = seen.at - t0;
    const id = sent.body.conversation.id as string;

    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      const posted = await fetch(`${baseB}/v1/admin/sites/${site.id}/conversations/${id}/messages`, {
        method: 'POST',
        headers: { ...operator, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `reply ${i} from collector B` }),
      });
      expect(posted.status).toBe(201);
      const got = await visitorStream.next((e) => e.event === 'message' && (e.data as { message: { author: string } }).message.author === 'operator');
      latencies.push(got.at - t1);
      expect((got.data as { message: { text: string } }).message.text).toBe(`reply ${i} from collector B`);
    }
    const t2 = performance.now();
    await v.send('And a second question, warm this time');
    await inboxOnB.next((e) => e.event === 'message' && (e.data as { message: { author: string } }).message.author === 'visitor');
    const warmToOperatorMs = performance.now() - t2;
    const sorted = [...latencies].sort((x, y) => x - y);
    console.log(
      `[chat latency] postgres, two processes: visitor on A → inbox on B ${toOperatorMs.toFixed(1)} ms first (cold), ${warmToOperatorMs.toFixed(1)} ms warm; ` +
        `operator on B → visitor on A median ${sorted[2]!.toFixed(1)} ms, max ${sorted[4]!.toFixed(1)} ms (5 replies)`,
    );
    expect(sorted[2]!).toBeLessThan(1000);

    // The reply is stored once and both collectors serve the same history.
    const history = async (base: string) =>
      ((await (await fetch(`${base}/v1/chat/conversations/${id}/messages`, { headers: v.auth })).json()) as { messages: Array<{ text: string }> }).messages.map((m) => m.text);
    expect(await history(baseB)).toEqual(await history(baseA));
    expect(await history(baseA)).toHaveLength(7);
  });
});
