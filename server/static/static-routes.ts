import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Directories served as files. Any of them may be missing (not built yet): those paths answer 404. */
export interface StaticRoutesOptions {
  /** The SDK build (dist/). */
  sdkDir: string;
  /** The demo site (demo/). */
  demoDir: string;
  /** The console build (build/console/). */
  consoleDir: string;
}

// Script-tag URLs are not versioned, so caches may keep them an hour and then revalidate by ETag in the
// background; a release reaches every page within about a day at most.
const SDK_CACHE = 'public, max-age=3600, stale-while-revalidate=86400';
const PAGE_CACHE = 'no-cache';
/** The console's policy: everything from the collector itself, no inline code, never framed. */
export const CONSOLE_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** Resolves `relative` inside `root`, or null when it would escape it or does not name a file. */
async function fileIn(root: string, relative: string): Promise<string | null> {
  const decoded = relative.split('/').filter(Boolean);
  if (decoded.some((segment) => segment === '..' || segment.startsWith('.') || segment.includes('\\') || segment.includes('\0'))) {
    return null;
  }
  const full = path.resolve(root, ...decoded);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  try {
    const info = await stat(full);
    if (info.isFile()) return path.relative(root, full);
    if (info.isDirectory()) {
      const index = path.join(full, 'index.html');
      if ((await stat(index).catch(() => null))?.isFile()) return path.relative(root, index);
    }
  } catch {
    // missing: fall through
  }
  return null;
}

/**
 * The SDK files (cross-origin friendly, so a tag on any site may load them with SRI), the console at /console
 * (unknown paths fall back to its index.html for client-side routing), and the demo site at / (unknown
 * /spa/* paths fall back to demo/spa/index.html for its history-routed section).
 */
export async function staticRoutes(app: FastifyInstance, options: StaticRoutesOptions): Promise<void> {
  const sdkDir = path.resolve(options.sdkDir);
  const demoDir = path.resolve(options.demoDir);
  const consoleDir = path.resolve(options.consoleDir);
  // serve: false — only reply.sendFile (ETag, Last-Modified, ranges, conditional GET); routes are ours.
  await app.register(fastifyStatic, { root: process.cwd(), serve: false });

  const send = (reply: FastifyReply, root: string, file: string, cache: string): FastifyReply =>
    reply.header('Cache-Control', cache).sendFile(file, root, { cacheControl: false });

  const sdk = async (reply: FastifyReply, relative: string): Promise<FastifyReply> => {
    const file = await fileIn(sdkDir, relative);
    if (!file) return notFound(reply);
    reply.header('Access-Control-Allow-Origin', '*').header('Cross-Origin-Resource-Policy', 'cross-origin');
    return send(reply, sdkDir, file, SDK_CACHE);
  };
  for (const name of ['kizuna.js', 'kizuna-vitals.js', 'kizuna-widget.js', 'kizuna-campaigns.js']) {
    app.get(`/${name}`, (_req, reply) => sdk(reply, name));
  }
  app.get('/esm/*', (req, reply) => sdk(reply, `esm/${(req.params as { '*': string })['*']}`));

  app.get('/console', (_req, reply) => reply.redirect('/console/'));
  app.get('/console/*', async (req, reply) => {
    const relative = (req.params as { '*': string })['*'];
    const file = (await fileIn(consoleDir, relative)) ?? (await fileIn(consoleDir, 'index.html'));
    if (!file) return notFound(reply);
    reply.header('X-Frame-Options', 'DENY').header('Referrer-Policy', 'same-origin').header('Content-Security-Policy', CONSOLE_CSP);
    return send(reply, consoleDir, file, file === 'index.html' ? PAGE_CACHE : 'public, max-age=300');
  });

  app.get('/*', async (req, reply) => {
    const relative = (req.params as { '*': string })['*'];
    let file = await fileIn(demoDir, relative);
    if (!file && (relative === 'spa' || relative.startsWith('spa/'))) file = await fileIn(demoDir, 'spa/index.html');
    if (!file) return notFound(reply);
    return send(reply, demoDir, file, PAGE_CACHE);
  });
}
