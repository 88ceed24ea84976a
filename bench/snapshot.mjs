// The benchmark measures one build from start to end, even while other engineers rebuild dist/ and build/ in the
// same working tree (a rebuild empties dist/ for a few seconds, and a page loaded then has no SDK at all). At the
// start the run copies dist/, build/, demo/ and package.json into a temporary directory with node_modules linked
// back, and everything (the local CDN, the real collector for the chat table, the collector table's servers)
// runs from that copy.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NEEDED = ['dist/kizuna.js', 'dist/kizuna-vitals.js', 'dist/kizuna-widget.js', 'dist/kizuna-campaigns.js', 'build/server/start.js', 'build/server/create-server.js'];

/**
 * Copies what the benchmark runs into a temporary directory (retrying while a rebuild is under way) and returns
 * its path, a description of the build (git HEAD, uncommitted files under src/ and server/, kizuna.js's hash)
 * and a function that removes the copy.
 */
export async function snapshotBuild(root) {
  for (let attempt = 1; ; attempt++) {
    const missing = NEEDED.filter((f) => !existsSync(join(root, f)));
    if (!missing.length) {
      const dir = mkdtempSync(join(tmpdir(), 'kizuna-bench-build-'));
      try {
        for (const d of ['dist', 'build', 'demo']) cpSync(join(root, d), join(dir, d), { recursive: true });
        cpSync(join(root, 'package.json'), join(dir, 'package.json'));
        symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
        if (NEEDED.every((f) => existsSync(join(dir, f)))) return { dir, build: describe(root, dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
      } catch {
        // A rebuild removed something while it was being copied: try again.
      }
      rmSync(dir, { recursive: true, force: true });
    }
    if (attempt >= 30) throw new Error(`no complete build to measure (missing: ${missing.join(', ') || 'files vanished while copying'}): run npm run build:sdk && npm run build:server`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

function describe(root, dir) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return {
    head: git('rev-parse', '--short', 'HEAD'),
    uncommitted: git('status', '--porcelain', '--', 'src', 'server').split('\n').filter(Boolean).length,
    kizunaJsSha256: createHash('sha256').update(readFileSync(join(dir, 'dist/kizuna.js'))).digest('hex').slice(0, 16),
  };
}
