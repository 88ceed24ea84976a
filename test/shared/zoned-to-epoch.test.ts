import { describe, expect, it } from 'vitest';
import { isTimeZone, zonedToEpoch } from '../../src/shared/zoned-to-epoch';

describe('zonedToEpoch', () => {
  it('reads wall-clock times in the zone, on both sides of a daylight-saving change', () => {
    // New York: EST (-5) until 2024-03-10 02:00, EDT (-4) after.
    expect(zonedToEpoch('2024-03-09T09:00', 'America/New_York')).toBe(Date.parse('2024-03-09T14:00:00Z'));
    expect(zonedToEpoch('2024-03-11T09:00', 'America/New_York')).toBe(Date.parse('2024-03-11T13:00:00Z'));
    expect(zonedToEpoch('2025-04-01T09:00', 'Asia/Tokyo')).toBe(Date.parse('2025-04-01T00:00:00Z'));
  });

  it('moves a skipped time forward and takes the first of a repeated one', () => {
    expect(zonedToEpoch('2024-03-10T02:30', 'America/New_York')).toBe(Date.parse('2024-03-10T07:30:00Z')); // 03:30 EDT
    expect(zonedToEpoch('2024-11-03T01:30', 'America/New_York')).toBe(Date.parse('2024-11-03T05:30:00Z')); // 01:30 EDT
  });

  it('takes instants with Z or an offset as they are, and refuses what is not a date-time', () => {
    expect(zonedToEpoch('2025-04-01T09:00:00Z', 'Asia/Tokyo')).toBe(Date.parse('2025-04-01T09:00:00Z'));
    expect(zonedToEpoch('2025-04-01T09:00+02:00', 'Asia/Tokyo')).toBe(Date.parse('2025-04-01T07:00:00Z'));
    for (const bad of ['2025-02-30T00:00', '2025-13-01T00:00', '2025-04-01', 'tomorrow', '2025-04-01T25:00']) expect(zonedToEpoch(bad, 'UTC')).toBeNaN();
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(' ')).toBe(false);
  });
});
