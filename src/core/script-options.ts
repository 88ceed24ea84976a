import type { KizunaOptions } from '../types';
import { badOption } from './log';

declare const __WIDGET__: boolean;

const BOOLS = ['pageviews', 'hash', 'links', 'vitals', 'honorGpc', 'debug'] as const;
const NUMS = ['flushAt', 'flushInterval', 'outboxCap'] as const;

/**
 * Reads the script tag's `data-*` attributes into options: `data-honor-gpc` becomes `honorGpc`, and so on.
 * A value that cannot be read gets one console warning and its default. `data-endpoint` defaults to the script's
 * origin; lazily loaded files come from the script's directory.
 */
export const readScriptOptions = (el: HTMLScriptElement | null): KizunaOptions => {
  const d = el?.dataset || {};
  const src = el?.src || '';
  const o: Record<string, unknown> = {
    // Widget options (data-position, data-color, data-locale, …) pass through as strings: the widget reads them.
    ...(__WIDGET__ ? d : { key: d.key }),
    endpoint: d.endpoint || (src && new URL(src).origin),
    consent: d.consent,
    downloads: d.downloads?.toLowerCase().split(/[\s,.]+/).filter(Boolean),
    assets: src.replace(/[^/]*$/, ''),
    nonce: d.nonce || el?.nonce,
  };
  for (const k of BOOLS) {
    const v = d[k];
    o[k] = v == 'true' || v == '' ? true : v == 'false' ? false : void (v != null && badOption(k, v));
  }
  for (const k of NUMS) {
    const v = d[k];
    o[k] = v && /^\d+$/.test(v) && +v > 0 ? +v : void (v != null && badOption(k, v));
  }
  return o as unknown as KizunaOptions;
};
