import { describe, expect, it } from 'vitest';
// ajv is installed with fastify (the collector validates with it); used here only to check the schema is real JSON Schema.
import Ajv2020 from 'ajv/dist/2020';
import { campaignJsonSchema } from '../../src/shared/campaign-json-schema';
import { validateCampaign } from '../../src/shared/validate-campaign';
import { exampleCampaign } from './example-campaign';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaAccepts = ajv.compile(campaignJsonSchema as object);

type Json = Record<string, any>;
const edited = (edit: (c: Json) => void) => {
  const c: Json = exampleCampaign();
  edit(c);
  return c;
};

describe('campaignJsonSchema', () => {
  it('is valid JSON Schema and accepts the complete example, as validateCampaign does', () => {
    expect(schemaAccepts(exampleCampaign())).toBe(true);
    expect(validateCampaign(exampleCampaign()).ok).toBe(true);
  });

  it('refuses the shape errors validateCampaign refuses', () => {
    const bad = [
      (c: Json) => (c.status = 'running'),
      (c: Json) => (c.trigger = { scroll: { percent: 150 } }),
      (c: Json) => (c.trigger = { delay: 3 }),
      (c: Json) => (c.trigger = { exitIntent: false }),
      (c: Json) => (c.kind = { type: 'banner' }),
      (c: Json) => (c.kind = { type: 'modal', survey: 'nps' }),
      (c: Json) => (c.audience.devics = ['mobile']),
      (c: Json) => (c.content.English = { title: 'x' }),
      (c: Json) => (c.content.ja = {}),
      (c: Json) => (c.content.en.image.url = 'http://x.example/a.png'),
      (c: Json) => (c.content.en.buttons[0].url = 'javascript:alert(1)'),
      (c: Json) => (c.content.en.buttons[0] = { label: 'x', action: 'track-event' }),
      (c: Json) => (c.experiment.variants[0].id = 'control'),
      (c: Json) => (c.experiment.holdout = 95),
      (c: Json) => (c.frequency.session = 0),
      (c: Json) => (c.schedule.windows[0].days = ['mon', 'mon']),
      (c: Json) => (c.audience.sample = 0),
    ];
    for (const edit of bad) {
      const c = edited(edit);
      expect({ edit: edit.toString(), schema: schemaAccepts(c) }).toEqual({ edit: edit.toString(), schema: false });
      expect(validateCampaign(c).ok).toBe(false);
    }
  });
});
