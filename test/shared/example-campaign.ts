import type { Campaign } from '../../src/shared/campaign-schema';

/** The complete example of docs/campaigns.md (keep them in step): every part of the format used once. */
export const exampleCampaign = (): Campaign => ({
  id: 'spring-upgrade',
  version: 3,
  status: 'live',
  priority: 10,
  name: 'Spring upgrade offer',
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: {
    en: {
      title: 'Go further with Pro',
      body: 'Unlimited projects, **priority support** and *early access*.\nSee [the plans](/pricing).',
      image: { url: 'https://cdn.example.com/spring.png', alt: 'A rocket in a spring sky' },
      buttons: [
        { label: 'See plans', action: 'open-url', url: '/pricing' },
        { label: 'Ask us', action: 'open-chat' },
        { label: 'Not now', action: 'dismiss' },
      ],
    },
    ja: {
      title: 'Proでもっと先へ',
      body: 'プロジェクト無制限、**優先サポート**。\n[プランを見る](/ja/pricing)',
      buttons: [{ label: '閉じる', action: 'dismiss' }],
    },
  },
  schedule: {
    timezone: 'Asia/Tokyo',
    start: '2025-03-01T00:00',
    end: '2025-05-31T23:59',
    windows: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '18:00' },
      { days: ['sat'], from: '22:00', to: '02:00' },
    ],
  },
  audience: {
    urls: [
      { match: 'starts-with', value: '/app' },
      { match: 'contains', value: '/settings/billing', exclude: true },
    ],
    traits: [
      { key: 'plan', op: 'eq', value: 'free' },
      { key: 'company.size', op: 'gte', value: 5 },
    ],
    identified: true,
    devices: ['desktop', 'tablet'],
    languages: ['en', 'ja'],
    score: { min: 40 },
    tiers: ['engaged', 'champion'],
    sample: 50,
  },
  trigger: {
    match: 'any',
    pageView: { urls: [{ match: 'equals', value: '/app/projects' }] },
    events: [{ name: 'Project Limit Reached', where: [{ key: 'projects', op: 'gte', value: 3 }] }],
    scroll: { percent: 60 },
    delay: 2,
    cancelOn: ['Checkout Started'],
  },
  frequency: { lifetime: 3, session: 1, day: 1, cooldown: 86400, stopAfterDismiss: true, stopAfterConversion: true },
  experiment: {
    key: 'spring-upgrade-1',
    holdout: 10,
    variants: [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1, content: { en: { title: 'Pro is 20 % off this spring', body: 'Until May 31.' } } },
    ],
  },
  goal: { event: 'Plan Upgraded', where: [{ key: 'plan', op: 'in', value: ['pro', 'team'] }], within: 7 * 86400 },
});
