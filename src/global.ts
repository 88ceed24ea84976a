/**
 * Script-tag entry (dist/kizuna.js): reads the tag's data-* attributes, replaces the stub with the real API on
 * window.kizuna and replays the calls the stub queued. The only module with import-time side effects.
 */
import { createCore } from './core/create-kizuna';
import { readScriptOptions } from './core/script-options';

const w = window as unknown as { kizuna?: { version?: string; q?: unknown } };
try {
  if (!w.kizuna || !w.kizuna.version) {
    const el = document.currentScript as HTMLScriptElement | null;
    w.kizuna = createCore(readScriptOptions(el), w.kizuna?.q);
  }
} catch {
  // Never throw into the host page.
}
