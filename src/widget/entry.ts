// The script-tag build's entry (dist/kizuna-widget.js): hands mount() to the core, which set the global before
// injecting this file (Rollup cannot code-split IIFE output, so the chunks meet through a global).
import { mount } from './mount';

(window as unknown as { __kizunaWidget?: (m: typeof mount) => void }).__kizunaWidget?.(mount);
