import type { CompiledCampaign, CompiledContent } from '../../src/shared/compiled-campaign';

/** A compiled campaign of `kind` as `GET /v1/campaigns` would deliver it (only what the widget reads matters). */
export const campaign = (kind: string, content: Record<string, CompiledContent> = { en: { t: 'Hello', b: 'Body' } }, more: Partial<CompiledCampaign> = {}): CompiledCampaign => ({
  i: 'c-' + kind,
  v: 3,
  p: 0,
  k: kind,
  l: 'en',
  c: content,
  t: { c: [['x']] },
  f: {},
  ...more,
});
