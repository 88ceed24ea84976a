import { describe, expect, it } from 'vitest';
import { availability, parseClock } from '../../../server/chat/business-hours.js';
import { wallToEpoch } from '../../../src/shared/zoned-to-epoch.js';
import type { BusinessHours } from '../../../server/store/chat-types.js';

const weekdays = (zone: string, interval: [string, string]): BusinessHours => ({
  timezone: zone,
  days: { mon: [interval], tue: [interval], wed: [interval], thu: [interval], fri: [interval], sat: [], sun: [] },
});
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('no hours means always online', () => {
    expect(availability(null, at('2024-05-05T03:00:00Z'))).toEqual({ online: true, nextOpen: null });
  });

  it('Tokyo office hours: opens at 09:00 JST, closes at 18:00, weekend waits until Monday', () => {
    const tokyo = weekdays('Asia/Tokyo', ['09:00', '18:00']);
    // Monday 08:59 JST is Sunday 23:59 UTC: the weekday is the site's, not UTC's.
    expect(availability(tokyo, at('2024-05-05T23:59:00Z'))).toEqual({ online: false, nextOpen: '2024-05-06T00:00:00.000Z' });
    expect(availability(tokyo, at('2024-05-06T00:00:00Z'))).toEqual({ online: true, nextOpen: null });
    expect(availability(tokyo, at('2024-05-06T08:59:59Z')).online).toBe(true);
    expect(availability(tokyo, at('2024-05-06T09:00:00Z'))).toEqual({ online: false, nextOpen: '2024-05-07T00:00:00.000Z' });
    // Friday 18:30 JST → Monday 09:00 JST.
    expect(availability(tokyo, at('2024-05-10T09:30:00Z'))).toEqual({ online: false, nextOpen: '2024-05-13T00:00:00.000Z' });
  });

  it('an interval ending at or before its start runs past midnight into the next day', () => {
    const night: BusinessHours = { timezone: 'Europe/Paris', days: { fri: [['22:00', '02:00']] } };
    // Saturday 01:30 in Paris (CEST, UTC+2) is still Friday night's shift.
    expect(availability(night, at('2024-05-10T23:30:00Z')).online).toBe(true);
    expect(availability(night, at('2024-05-11T00:00:00Z'))).toEqual({ online: false, nextOpen: '2024-05-17T20:00:00.000Z' });
    expect(availability(night, at('2024-05-10T19:59:00Z'))).toEqual({ online: false, nextOpen: '2024-05-10T20:00:00.000Z' });
    const late: BusinessHours = { timezone: 'UTC', days: { sun: [['20:00', '24:00']], mon: [['00:00', '01:00']] } };
    expect(availability(late, at('2024-05-05T23:59:00Z')).online).toBe(true);
    expect(availability(late, at('2024-05-06T00:30:00Z')).online).toBe(true);
    expect(availability(late, at('2024-05-06T01:00:00Z'))).toEqual({ online: false, nextOpen: '2024-05-12T20:00:00.000Z' });
  });

  it('DST: the same wall-clock hours follow the zone across the change (London)', () => {
    const london = weekdays('Europe/London', ['09:00', '17:00']);
    // Winter (GMT): 08:30 UTC is 08:30 local, closed; summer (BST): 08:30 UTC is 09:30 local, open.
    expect(availability(london, at('2024-01-08T08:30:00Z'))).toEqual({ online: false, nextOpen: '2024-01-08T09:00:00.000Z' });
    expect(availability(london, at('2024-04-01T08:30:00Z'))).toEqual({ online: true, nextOpen: null });
    // Friday 29 March 17:30 GMT → Monday 1 April 09:00 BST = 08:00 UTC (clocks went forward on Sunday).
    expect(availability(london, at('2024-03-29T17:30:00Z'))).toEqual({ online: false, nextOpen: '2024-04-01T08:00:00.000Z' });
  });

  it('DST: an opening time skipped by the jump forward opens when the clock has moved on; a repeated one opens the first time', () => {
    const spring: BusinessHours = { timezone: 'America/New_York', days: { sun: [['02:30', '05:00']] } };
    // 10 March 2024: 02:00 EST jumps to 03:00 EDT. 02:30 does not exist: it opens at 03:30 EDT = 07:30 UTC.
    expect(availability(spring, at('2024-03-10T06:00:00Z'))).toEqual({ online: false, nextOpen: '2024-03-10T07:30:00.000Z' });
    expect(availability(spring, at('2024-03-10T07:45:00Z')).online).toBe(true);
    const autumn: BusinessHours = { timezone: 'America/New_York', days: { sun: [['01:30', '09:00']] } };
    // 3 November 2024: 02:00 EDT falls back to 01:00 EST, so 01:30 happens twice; the first is 05:30 UTC.
    expect(availability(autumn, at('2024-11-03T05:00:00Z'))).toEqual({ online: false, nextOpen: '2024-11-03T05:30:00.000Z' });
    expect(wallToEpoch(Date.UTC(2024, 10, 3, 1, 30), 'America/New_York')).toBe(Date.parse('2024-11-03T05:30:00Z'));
    expect(wallToEpoch(Date.UTC(2024, 2, 10, 2, 30), 'America/New_York')).toBe(Date.parse('2024-03-10T07:30:00Z'));
  });

  it('never open: offline with no next opening', () => {
    expect(availability({ timezone: 'UTC', days: {} }, at('2024-05-06T10:00:00Z'))).toEqual({ online: false, nextOpen: null });
  });

  it('parses HH:MM from 00:00 to 24:00 only', () => {
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('24:00')).toBe(1440);
    expect(parseClock('09:30')).toBe(570);
    for (const bad of ['24:01', '9:00', '25:00', '12:60', 'noon']) expect(parseClock(bad)).toBeNull();
  });
});
