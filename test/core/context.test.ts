import { afterEach, describe, expect, it, vi } from 'vitest';

const at = { url: 'https://shop.example/pricing?utm_source=news', title: 'Pricing', referrer: '', time: Date.now() };
/** A fresh copy of the module: it reads the time zone once per page and keeps it. */
const fresh = async () => {
  vi.resetModules();
  return (await import('../../src/core/context')).buildContext;
};

describe('buildContext', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  // Node 20 has no Temporal, so it is stood in for here; Chromium 144+ has the real one (Chromium here returns the same
  // zone from both APIs for every IANA name we tried, including links such as US/Pacific).
  it('takes the time zone from Temporal where the browser has it, and never builds an Intl.DateTimeFormat', async () => {
    const timeZoneId = vi.fn(() => 'Asia/Tokyo');
    vi.stubGlobal('Temporal', { Now: { timeZoneId } });
    // The first Intl.DateTimeFormat of a page costs 15–35 ms of CPU (ICU), a long task at 4× CPU throttling.
    const dtf = vi.spyOn(Intl, 'DateTimeFormat');
    const buildContext = await fresh();
    expect(buildContext(at, 's1').timezone).toBe('Asia/Tokyo');
    expect(buildContext(at, 's1').timezone).toBe('Asia/Tokyo');
    expect(timeZoneId).toHaveBeenCalledTimes(1); // once per page
    expect(dtf).not.toHaveBeenCalled();
  });

  it('falls back to Intl.DateTimeFormat in browsers without Temporal', async () => {
    vi.stubGlobal('Temporal', undefined);
    const buildContext = await fresh();
    const ctx = buildContext(at, 's1');
    expect(ctx.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(ctx).toMatchObject({ page: { path: '/pricing', title: 'Pricing' }, campaign: { source: 'news' }, sessionId: 's1' });
  });
});
