import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const START = join(ROOT, 'build/server/start.js');

/**
 * A normal desktop Chrome user agent. The collector drops bots by user agent, and headless Chromium says
 * "HeadlessChrome" (so does Node's fetch, as "node"): browser contexts and requests that must be stored present this.
 */
export const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Options for startRealCollector. */
export interface RealCollectorOptions {
  /** Prefix of the temporary data directory's name (default "kizuna-e2e-"). */
  name?: string;
  /** More environment variables for the collector process (they win over the defaults). */
  env?: Record<string, string>;
  /** How long to wait for the "Kizuna collector on http://…" line (default 30 s). */
  timeoutMs?: number;
}

/** A running `node build/server/start.js` with its own PGlite data directory and operator token. */
export interface RealCollector {
  /** Base URL, http://127.0.0.1:PORT: the SDK endpoint, the demo site, the console and the API. */
  readonly origin: string;
  /** The operator token (KIZUNA_ADMIN_TOKEN) for the console login and the admin API. */
  readonly token: string;
  /** The temporary KIZUNA_DATA_DIR, removed by stop(). */
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /**
   * fetch() of `/v1/admin${path}` on this collector with the operator's Bearer token; `init.headers` are added
   * to it. Returns the raw Response: callers check the status they expect.
   */
  admin(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the process (SIGTERM, SIGKILL after 5 s) and removes the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts the built collector (`node build/server/start.js`) on 127.0.0.1 with PORT=0, a fresh temporary
 * KIZUNA_DATA_DIR (PGlite) and a random KIZUNA_ADMIN_TOKEN, and resolves once it prints where it listens. Rejects
 * with the process's output if it exits or does not say so in time (and then cleans up after itself). The demo
 * site (write key pk_demo, origins http://localhost:* and http://127.0.0.1:*) is created on that first start.
 */
export async function startRealCollector(options: RealCollectorOptions = {}): Promise<RealCollector> {
  if (!existsSync(START)) throw new Error(`${START} is missing: run npm run build`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const token = `op-${randomBytes(16).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), options.name ?? 'kizuna-e2e-'));
  const child = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', KIZUNA_DATA_DIR: dataDir, KIZUNA_ADMIN_TOKEN: token, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    await kill(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  let port: string;
  try {
    port = await new Promise<string>((resolvePort, reject) => {
      const timer = setTimeout(() => reject(new Error(`the collector did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      const check = (): void => {
        const match = /Kizuna collector on http:\/\/[^:]+:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolvePort(match[1]!);
        }
      };
      child.stdout!.on('data', check);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`the collector could not be spawned: ${error.message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the collector exited with ${code ?? signal}:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    token,
    dataDir,
    process: child,
    output: () => output,
    admin(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(`${origin}/v1/admin${path}`, { ...init, headers });
    },
    stop,
  };
}
