/** Options for kizunaPage. */
export interface KizunaPageOptions {
  /** Collector base URL for data-endpoint (the recording collector or the real server). */
  endpoint: string;
  /** Site write key (data-key). */
  writeKey?: string;
  /** More data-* options, named without the "data-" prefix: { hash: 'true' }. */
  options?: Record<string, string>;
  title?: string;
  /** HTML placed in <head> before the probe and the tag (e.g. the inline stub). */
  head?: string;
  /** HTML for <body>. */
  body?: string;
  /** Load test/e2e/pages/probe.js first so every created message is reported (default true). */
  probe?: boolean;
  /** Script URL of the SDK (default /dist/kizuna.js on the page's own origin). */
  src?: string;
  /** CSP nonce put on the probe and the script tag. */
  nonce?: string;
}

/** Write key the e2e pages use unless a test says otherwise. */
export const E2E_WRITE_KEY = 'pk_e2e';

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * HTML for a test page carrying the documented script tag. Endpoint-agnostic: the collector is whatever
 * `endpoint` says. The flush interval defaults to 250 ms so tests do not wait out the 2 s default.
 */
export function kizunaPage(o: KizunaPageOptions): string {
  const attrs: Record<string, string> = {
    key: o.writeKey ?? E2E_WRITE_KEY,
    endpoint: o.endpoint,
    'flush-interval': '250',
    ...o.options,
  };
  const nonce = o.nonce ? ` nonce="${escapeAttr(o.nonce)}"` : '';
  const data = Object.entries(attrs)
    .map(([k, v]) => ` data-${k}="${escapeAttr(v)}"`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${o.title ?? 'Kizuna e2e'}</title>`,
    o.head ?? '',
    o.probe === false ? '' : `<script src="/pages/probe.js"${nonce}></script>`,
    `<script async src="${escapeAttr(o.src ?? '/dist/kizuna.js')}"${nonce}${data}></script>`,
    '</head><body>',
    o.body ?? '<h1>Kizuna end-to-end page</h1>',
    '</body></html>',
  ].join('\n');
}
