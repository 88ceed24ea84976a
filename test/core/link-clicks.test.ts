import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOWNLOADS, describeClick, trackLinkClicks } from '../../src/core/link-clicks';

const dom = (html: string) => {
  document.body.innerHTML = html;
  return document.body;
};
const click = (sel: string) => describeClick(document.querySelector(sel), DEFAULT_DOWNLOADS);

describe('describeClick', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('records an outbound link with its text', () => {
    dom('<a id="x" href="https://partner.example/docs">  Partner\n docs </a>');
    expect(click('#x')).toEqual([
      'Link Clicked',
      { href: 'https://partner.example/docs', text: 'Partner docs', outbound: true, download: false },
    ]);
  });

  it('records a download by extension or by the download attribute, on this site too', () => {
    dom('<a id="pdf" href="/files/Guide.PDF">Guide</a><a id="attr" href="/export" download>Export</a>');
    expect(click('#pdf')?.[1]).toMatchObject({ download: true, outbound: false });
    expect(click('#attr')?.[1]).toMatchObject({ download: true });
  });

  it('ignores internal links and non-http links', () => {
    dom('<a id="in" href="/about">About</a><a id="mail" href="mailto:hi@example.com">Mail</a>');
    expect(click('#in')).toBeUndefined();
    expect(click('#mail')).toBeUndefined();
  });

  it('uses data-kizuna-event and its data-kizuna-prop-* attributes, from a nested click target', () => {
    dom('<button data-kizuna-event="Signup Clicked" data-kizuna-prop-plan="pro" data-kizuna-prop-billing-cycle="year"><span id="in">Go</span></button>');
    expect(click('#in')).toEqual(['Signup Clicked', { plan: 'pro', 'billing-cycle': 'year' }]);
  });
});

describe('trackLinkClicks', () => {
  it('counts left, middle and modifier clicks, not right clicks, and never prevents the navigation', () => {
    dom('<a id="out" href="https://elsewhere.example/">Out</a>');
    const track = vi.fn();
    trackLinkClicks(DEFAULT_DOWNLOADS, track);
    // Registered after the SDK's listener: sees whether the SDK prevented anything, then stops happy-dom from
    // actually navigating away in the middle of the test.
    const preventedBySdk: boolean[] = [];
    const stop = (e: Event) => (preventedBySdk.push(e.defaultPrevented), e.preventDefault());
    document.addEventListener('click', stop, true);
    document.addEventListener('auxclick', stop, true);
    const a = document.querySelector('#out')!;
    const events = [
      new MouseEvent('click', { bubbles: true, cancelable: true }),
      new MouseEvent('click', { bubbles: true, cancelable: true, metaKey: true }),
      new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 }),
      new MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 2 }),
    ];
    for (const e of events) a.dispatchEvent(e);
    expect(track).toHaveBeenCalledTimes(3);
    expect(preventedBySdk).toEqual([false, false, false, false]);
  });

  it('a failing tracker never stops the click', () => {
    dom('<a id="out2" href="https://elsewhere.example/">Out</a>');
    trackLinkClicks(DEFAULT_DOWNLOADS, () => {
      throw new Error('boom');
    });
    const e = new MouseEvent('click', { bubbles: true, cancelable: true });
    expect(() => document.querySelector('#out2')!.dispatchEvent(e)).not.toThrow();
  });
});
