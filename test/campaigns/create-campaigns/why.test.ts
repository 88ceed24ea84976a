import { describe, expect, it, vi } from 'vitest';
import { campaign, delivered } from '../support/campaign-data';
import { startEngine, useEngineRig } from '../support/start-engine';

useEngineRig();

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

describe('why(id)', () => {
  it('unknown for a campaign that was not delivered; trigger for one that may show but has not been triggered', () => {
    const e = startEngine(delivered([campaign('later', { trigger: { events: [{ name: 'Go' }] } })]));
    e.page('/');
    expect(e.runtime.why('paused-or-draft')).toBe('unknown');
    expect(e.runtime.why('later')).toBe('trigger');
    e.track('Go');
    expect(e.runtime.why('later')).toBe('shown');
  });

  it('names the audience rule that keeps a message away, until the visitor meets it', () => {
    const e = startEngine(
      delivered([
        campaign('app', { audience: { urls: [{ match: 'starts-with', value: '/app' }] } }),
        campaign('members', { audience: { identified: true } }),
        campaign('pro', { audience: { traits: [{ key: 'plan', op: 'eq', value: 'pro' }] } }),
        campaign('phones', { audience: { devices: ['mobile'] } }),
        campaign('japanese', { audience: { languages: ['ja'] } }),
        campaign('english', { audience: { languages: ['en'] } }),
        campaign('nobody', { audience: { sample: 0 } }),
      ]),
    );
    e.page('/home');
    expect(Object.fromEntries(['app', 'members', 'pro', 'phones', 'japanese', 'english', 'nobody'].map((id) => [id, e.runtime.why(id)]))).toEqual({
      app: 'audience.url',
      members: 'audience.identified',
      pro: 'audience.trait.plan',
      phones: 'audience.device',
      japanese: 'audience.language',
      english: 'shown', // navigator.languages is en-US, en
      nobody: 'audience.sample',
    });
    e.identify('user-1', { plan: 'pro' });
    e.page('/app/projects');
    expect(e.shown.map(([id]) => id).sort()).toEqual(['app', 'english', 'members', 'pro']);
    expect([e.runtime.why('app'), e.runtime.why('members'), e.runtime.why('pro')]).toEqual(['shown', 'shown', 'shown']);
  });

  it('schedule when the campaign is outside its dates or weekly windows', () => {
    // The fake clock: Monday 2025-04-07 10:00 in Tokyo.
    const e = startEngine(
      delivered([
        campaign('ended', { schedule: { timezone: 'Asia/Tokyo', end: '2025-03-31T23:59' } }),
        campaign('weekend', { schedule: { timezone: 'Asia/Tokyo', windows: [{ days: ['sat', 'sun'], from: '00:00', to: '24:00' }] } }),
        campaign('office-hours', { schedule: { timezone: 'Asia/Tokyo', windows: [{ days: ['mon'], from: '09:00', to: '18:00' }] } }),
      ]),
    );
    e.page('/');
    expect(['ended', 'weekend', 'office-hours'].map(e.runtime.why)).toEqual(['schedule', 'schedule', 'shown']);
  });

  it('the device comes from the user agent: a phone audience shows on an iPhone; a tablet one on iPadOS (Mac agent with touch)', () => {
    const data = delivered([campaign('phones', { audience: { devices: ['mobile'] } }), campaign('tablets', { audience: { devices: ['tablet'] } })]);
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(IPHONE);
    const phone = startEngine(data);
    phone.page('/');
    expect(phone.shown.map(([id]) => id)).toEqual(['phones']);
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(MAC_SAFARI);
    vi.spyOn(navigator, 'maxTouchPoints', 'get').mockReturnValue(5);
    const ipad = startEngine(data);
    ipad.page('/');
    expect(ipad.shown.map(([id]) => id)).toEqual(['tablets']);
    expect(ipad.runtime.why('phones')).toBe('audience.device');
  });
});
