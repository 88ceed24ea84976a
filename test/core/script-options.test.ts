import { afterEach, describe, expect, it, vi } from 'vitest';
import { readScriptOptions } from '../../src/core/script-options';

// Parsed from markup but never inserted, so nothing tries to load it.
const tag = (attrs: string) =>
  new DOMParser()
    .parseFromString(`<script src="https://cdn.example/v1/kizuna.js" ${attrs}></script>`, 'text/html')
    .querySelector('script')!;

describe('readScriptOptions', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads every documented data-* attribute', () => {
    const o = readScriptOptions(
      tag(
        'data-key="pk_1" data-endpoint="https://c.example" data-consent="pending" data-pageviews="false" data-hash="true" data-downloads="pdf, .ZIP" data-links="false" data-vitals="false" data-honor-gpc="false" data-debug data-flush-at="5" data-flush-interval="500" data-outbox-cap="50"',
      ),
    );
    expect(o).toMatchObject({
      key: 'pk_1',
      endpoint: 'https://c.example',
      consent: 'pending',
      pageviews: false,
      hash: true,
      downloads: ['pdf', 'zip'],
      links: false,
      vitals: false,
      honorGpc: false,
      debug: true,
      flushAt: 5,
      flushInterval: 500,
      outboxCap: 50,
      assets: 'https://cdn.example/v1/',
    });
  });

  it('defaults the endpoint to the origin the script came from', () => {
    expect(readScriptOptions(tag('data-key="k"')).endpoint).toBe('https://cdn.example');
  });

  it('warns once per unreadable value and keeps the default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const o = readScriptOptions(tag('data-key="k" data-hash="yes" data-flush-at="-3"'));
    expect(o.hash).toBeUndefined();
    expect(o.flushAt).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0])).toContain('hash="yes"');
  });
});
