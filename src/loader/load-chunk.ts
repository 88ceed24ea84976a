/**
 * Loads one of the SDK's lazily loaded IIFE files (`kizuna-vitals.js`, `kizuna-widget.js`, `kizuna-campaigns.js`) from the directory the
 * tag came from, carrying the tag's CSP nonce. Rollup cannot code-split IIFE output, so the file hands its export
 * to `onLoad` by calling `window.__kizuna<Name>`, which this sets first. A file that cannot load (CSP, offline)
 * never calls back: that feature stays off.
 */
export const loadChunk = <T>(name: 'Vitals' | 'Widget' | 'Campaigns', assets = '', nonce: string | undefined, onLoad: (x: T) => void): void => {
  (window as unknown as Record<string, unknown>)['__kizuna' + name] = onLoad;
  const s = document.createElement('script');
  s.src = assets + 'kizuna-' + name.toLowerCase() + '.js';
  if (nonce) s.nonce = nonce;
  document.head.appendChild(s);
};
