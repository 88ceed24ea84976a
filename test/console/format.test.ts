import { describe, expect, it } from 'vitest';
import { eventLabel, matchesFilter, propertySummary } from '../../server/console/format';
import { mergeEvents } from '../../server/console/use-live-events';
import { makeEvent } from './fixtures';

describe('event formatting', () => {
  it('labels events by what an operator looks for', () => {
    expect(eventLabel(makeEvent({ type: 'track', event: 'Signup Clicked' }))).toBe('Signup Clicked');
    expect(eventLabel(makeEvent({ type: 'page', event: null, name: 'Pricing' }))).toBe('Pricing');
    expect(eventLabel(makeEvent({ type: 'page', event: null, name: null, context: { page: { path: '/docs' } } }))).toBe('/docs');
    expect(eventLabel(makeEvent({ type: 'identify', event: null, userId: 'u-1' }))).toBe('u-1');
  });

  it('summarises properties without repeating the page URL and rounds measurements', () => {
    const page = makeEvent({
      type: 'page',
      properties: { url: 'http://x/pricing', path: '/pricing', search: '', referrer: 'http://x/', title: 'Pricing' },
    });
    expect(propertySummary(page)).toEqual(['title: Pricing']);
    const vital = makeEvent({ event: 'Web Vital', properties: { name: 'TTFB', value: 42.699999999953434, rating: 'good', x: 1 } });
    expect(propertySummary(vital)).toEqual(['name: TTFB', 'value: 42.7', 'rating: good']);
    const identify = makeEvent({ type: 'identify', traits: { email: 'a@b.c', nested: { a: 1 } }, properties: { no: 'x' } });
    expect(propertySummary(identify)).toEqual(['email: a@b.c']);
    expect(propertySummary(makeEvent({ properties: { long: 'x'.repeat(100) } }))[0]).toHaveLength('long: '.length + 60);
  });

  it('filters names exactly, like the collector', () => {
    const signup = makeEvent({ event: 'Signup Clicked' });
    expect(matchesFilter(signup, { type: '', name: 'Signup Clicked' })).toBe(true);
    expect(matchesFilter(signup, { type: '', name: ' Signup Clicked ' })).toBe(true);
    expect(matchesFilter(signup, { type: '', name: 'Signup' })).toBe(false);
    expect(matchesFilter(signup, { type: 'page', name: '' })).toBe(false);
  });

  it('merges the stream and pages newest first by row id, without duplicates', () => {
    const old = makeEvent({ secondsAgo: 50 });
    const mid = makeEvent({ secondsAgo: 20 });
    const fresh = makeEvent({ secondsAgo: 1 });
    expect(mergeEvents([fresh, mid], [mid, old]).map((e) => e.id)).toEqual([fresh.id, mid.id, old.id]);
    // Same receive time (one batch): the server's id order wins.
    const a = { ...makeEvent({ secondsAgo: 5 }), id: 7 };
    const b = { ...a, id: 8, messageId: 'other' };
    expect(mergeEvents([a], [b]).map((e) => e.id)).toEqual([8, 7]);
  });
});
