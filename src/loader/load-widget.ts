import type { Mount } from '../widget/host';
import { loadChunk } from './load-chunk';

declare const __ESM__: boolean;

/**
 * The only place that loads the widget (Preact UI): `import()` in the ESM build, `kizuna-widget.js` for the tag.
 * The core never imports Preact.
 */
export const loadWidget = (assets?: string, nonce?: string): Promise<Mount> =>
  __ESM__
    ? import('../widget/mount').then((m) => m.mount)
    : new Promise((resolve) => loadChunk('Widget', assets, nonce, resolve));
