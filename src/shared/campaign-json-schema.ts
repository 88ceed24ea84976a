// The campaign format as JSON Schema (draft 2020-12), for the console's JSON view, editors and API docs. It states the
// shape; validateCampaign (hand-written, small enough for any runtime) adds the checks a schema cannot say
// well: markup safety, regex safety, time zones, dates in order, unique ids, and messages a site owner can act on.
// Keep the two in step: test/shared/campaign-json-schema.test.ts runs both over the same campaigns.

const text = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength }) as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' } as const;
const int = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum }) as const;
const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;
const locale = { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' } as const;
const list = <T>(items: T, maxItems: number, minItems = 0) => ({ type: 'array', items, maxItems, minItems }) as const;

const urlRule = {
  type: 'object',
  additionalProperties: false,
  required: ['match', 'value'],
  properties: {
    match: { enum: ['equals', 'contains', 'starts-with', 'regex'] },
    value: text(500),
    on: { enum: ['path', 'url'] },
    exclude: { type: 'boolean' },
  },
} as const;

const scalar = { type: ['string', 'number'] } as const;
const traitRule = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'op'],
  properties: {
    key: text(100),
    op: { enum: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'in'] },
    value: { anyOf: [{ type: ['string', 'number', 'boolean'] }, list(scalar, 100, 1)] },
  },
} as const;

const button = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'action'],
  properties: {
    label: text(60),
    action: { enum: ['open-url', 'open-chat', 'dismiss', 'track-event'] },
    url: { type: 'string', maxLength: 2000, pattern: '^(https://[^\\s/]|mailto:\\S|/(?!/))' },
    newTab: { type: 'boolean' },
    event: text(200),
  },
  allOf: [
    { if: { properties: { action: { const: 'open-url' } } }, then: { required: ['url'] } },
    { if: { properties: { action: { const: 'track-event' } } }, then: { required: ['event'] } },
  ],
} as const;

const content = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['title'] }, { required: ['body'] }],
  properties: {
    title: text(200),
    body: { ...text(2000), description: 'Plain text or safe markup: **bold**, *italic*, [link](https://…), line breaks. Never HTML.' },
    image: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'alt'],
      properties: { url: { type: 'string', maxLength: 2000, pattern: '^https://' }, alt: text(200) },
    },
    buttons: list(button, 3),
    choices: list(text(100), 10, 2),
    scale: { type: 'object', additionalProperties: false, required: ['low', 'high'], properties: { low: text(60), high: text(60) } },
  },
} as const;

const localized = {
  type: 'object',
  minProperties: 1,
  maxProperties: 30,
  propertyNames: locale,
  additionalProperties: content,
} as const;

const seconds = { type: 'object', additionalProperties: false, required: ['seconds'], properties: { seconds: int(1, 3600) } } as const;

/** JSON Schema (draft 2020-12) of a campaign; see docs/campaigns.md for the meaning of every field. */
export const campaignJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://kizuna.dev/schema/campaign.json',
  title: 'Kizuna campaign',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'status', 'priority', 'kind', 'defaultLocale', 'content', 'trigger'],
  properties: {
    id,
    version: int(1, 1e9),
    status: { enum: ['draft', 'live', 'paused', 'archived'] },
    priority: int(0, 1000),
    name: text(200),
    kind: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { enum: ['modal', 'banner', 'slide-up', 'card', 'chat-prompt', 'survey'] },
        position: { enum: ['top', 'bottom'] },
        survey: { enum: ['nps', 'csat', 'single-choice', 'free-text'] },
      },
      allOf: [
        { if: { properties: { type: { const: 'banner' } } }, then: { required: ['position'] }, else: { not: { required: ['position'] } } },
        { if: { properties: { type: { const: 'survey' } } }, then: { required: ['survey'] }, else: { not: { required: ['survey'] } } },
      ],
    },
    defaultLocale: locale,
    content: localized,
    schedule: {
      type: 'object',
      additionalProperties: false,
      required: ['timezone'],
      properties: {
        timezone: { ...text(64), description: 'IANA time zone, such as Asia/Tokyo' },
        start: { type: 'string', description: 'ISO 8601 date-time; without an offset, wall-clock time in `timezone`' },
        end: { type: 'string' },
        windows: list(
          {
            type: 'object',
            additionalProperties: false,
            required: ['days', 'from', 'to'],
            properties: {
              days: { ...list({ enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] }, 7, 1), uniqueItems: true },
              from: time,
              to: { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' },
            },
          },
          14,
        ),
      },
    },
    audience: {
      type: 'object',
      additionalProperties: false,
      properties: {
        urls: list(urlRule, 20),
        traits: list(traitRule, 20),
        identified: { type: 'boolean' },
        devices: list({ enum: ['desktop', 'mobile', 'tablet'] }, 3),
        languages: list(locale, 20),
        score: { type: 'object', additionalProperties: false, properties: { min: { type: 'number', minimum: 0, maximum: 100 }, max: { type: 'number', minimum: 0, maximum: 100 } } },
        tiers: list(text(40), 4),
        sample: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      },
    },
    trigger: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        match: { enum: ['any', 'all'] },
        pageView: { type: 'object', additionalProperties: false, properties: { urls: list(urlRule, 20) } },
        events: list({ type: 'object', additionalProperties: false, required: ['name'], properties: { name: text(200), where: list(traitRule, 20) } }, 10),
        timeOnPage: seconds,
        scroll: { type: 'object', additionalProperties: false, required: ['percent'], properties: { percent: int(1, 100) } },
        exitIntent: { type: 'boolean' },
        idle: seconds,
        sessionCount: { type: 'object', additionalProperties: false, minProperties: 1, properties: { min: int(1, 1e6), max: int(1, 1e6) } },
        click: { type: 'object', additionalProperties: false, required: ['selector'], properties: { selector: text(200) } },
        delay: int(0, 3600),
        cancelOn: list(text(200), 10),
      },
      anyOf: ['pageView', 'events', 'timeOnPage', 'scroll', 'idle', 'sessionCount', 'click']
        .map((k) => ({ required: [k] }))
        .concat([{ required: ['exitIntent'], properties: { exitIntent: { const: true } } } as never]),
    },
    frequency: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lifetime: int(1, 1000),
        session: int(1, 1000),
        day: int(1, 1000),
        cooldown: int(0, 31_536_000),
        stopAfterDismiss: { type: 'boolean' },
        stopAfterConversion: { type: 'boolean' },
      },
    },
    experiment: {
      type: 'object',
      additionalProperties: false,
      required: ['holdout', 'variants'],
      properties: {
        key: id,
        holdout: { type: 'number', minimum: 0, maximum: 90 },
        variants: list(
          {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'weight'],
            properties: { id: { ...id, not: { const: 'control' } }, weight: { type: 'number', minimum: 0.001, maximum: 1000 }, content: localized },
          },
          10,
          1,
        ),
      },
    },
    goal: {
      type: 'object',
      additionalProperties: false,
      required: ['event'],
      properties: { event: text(200), where: list(traitRule, 20), within: int(1, 90 * 86400) },
    },
  },
} as const;
