import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { parseClock } from '../chat/business-hours.js';
import { HttpError } from '../http-error.js';
import { checkOriginPattern } from '../ingest/origin-pattern.js';
import type { ChatSettings, FeedbackSettings } from '../store/chat-types.js';
import { SiteExistsError, type NewSite, type Site, type SitePatch, type Store } from '../store/store.js';

const clock = { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' };
const day = { type: 'array', maxItems: 8, items: { type: 'array', minItems: 2, maxItems: 2, items: clock } };
const chatSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    businessHours: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['timezone', 'days'],
          properties: {
            timezone: { type: 'string', minLength: 1, maxLength: 100 },
            days: { type: 'object', additionalProperties: false, properties: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, day])) },
          },
        },
      ],
    },
    requireVerification: { type: 'boolean' },
    replyTimeMinutes: { type: 'integer', minimum: 0, maximum: 10080 },
  },
};
const feedbackSchema = { type: 'object', additionalProperties: false, required: ['scale'], properties: { scale: { enum: ['nps', 'stars'] } } };

/** Body of a site PATCH: chat settings may be partial (merged into the current ones). */
type SiteInput = Omit<SitePatch, 'chat'> & { chat?: Partial<ChatSettings>; feedback?: FeedbackSettings };

function checkChat(chat: Partial<ChatSettings> | undefined): void {
  const hours = chat?.businessHours;
  if (!hours) return;
  checkTimezone(hours.timezone);
  for (const [name, intervals] of Object.entries(hours.days)) {
    for (const [from, to] of intervals ?? []) {
      if (parseClock(from) === null || parseClock(to) === null || from === to || from === '24:00') {
        throw new HttpError(400, 'invalid_business_hours', `${name}: "${from}"–"${to}" is not an opening interval; use "HH:MM" times from 00:00 to 24:00 with different start and end (an end before the start runs past midnight)`);
      }
    }
  }
}

function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new HttpError(400, 'invalid_timezone', `"${timezone}" is not an IANA time zone such as Europe/Paris or UTC`);
  }
}

const siteFields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  origins: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 300 } },
  timezone: { type: 'string', minLength: 1, maxLength: 100 },
  retentionDays: { type: ['integer', 'null'], minimum: 1, maximum: 36500 },
};

const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }, ...siteFields },
};
const patchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...siteFields, chat: chatSchema, feedback: feedbackSchema },
};

/** Default retention of a new site, in days. */
export const DEFAULT_RETENTION_DAYS = 395;

function checkFields(input: SiteInput & { id?: string }): void {
  checkChat(input.chat);
  for (const value of [input.name, input.timezone, ...(input.origins ?? [])]) {
    if (value?.includes('\u0000')) throw new HttpError(400, 'invalid_request', 'text must not contain NUL characters');
  }
  for (const origin of input.origins ?? []) {
    const problem = checkOriginPattern(origin);
    if (problem) throw new HttpError(400, 'invalid_origin', problem);
  }
  if (input.timezone !== undefined) checkTimezone(input.timezone);
}

function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'site';
}

/** Sites: list, fetch one (with its identity secret), create, update. */
export async function siteRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;

  app.get('/sites', async () => ({ sites: await store.listSites() }));

  app.get('/sites/:site', async (req) => {
    const site = await store.getSite((req.params as { site: string }).site);
    if (!site) throw new HttpError(404, 'site_not_found', 'No such site.');
    return { site };
  });

  app.post('/sites', { schema: { body: createSchema } }, async (req, reply) => {
    const body = req.body as Partial<NewSite> & { name: string };
    checkFields(body as SiteInput);
    const base: Omit<NewSite, 'id'> = {
      name: body.name,
      origins: body.origins ?? [],
      timezone: body.timezone ?? 'UTC',
      retentionDays: body.retentionDays === undefined ? DEFAULT_RETENTION_DAYS : body.retentionDays,
    };
    let site: Site | undefined;
    if (body.id) {
      try {
        site = await store.createSite({ ...base, id: body.id });
      } catch (error) {
        if (error instanceof SiteExistsError) throw new HttpError(409, 'site_exists', error.message);
        throw error;
      }
    } else {
      const stem = slug(body.name);
      for (let attempt = 0; !site; attempt++) {
        const id = attempt === 0 ? stem : `${stem}-${randomBytes(3).toString('hex')}`;
        try {
          site = await store.createSite({ ...base, id });
        } catch (error) {
          if (!(error instanceof SiteExistsError) || attempt >= 5) throw error;
        }
      }
    }
    return reply.code(201).send({ site });
  });

  app.patch('/sites/:site', { schema: { body: patchSchema } }, async (req) => {
    const input = req.body as SiteInput;
    checkFields(input);
    const siteId = (req.params as { site: string }).site;
    const current = input.chat ? await store.getSite(siteId) : null;
    if (input.chat && !current) throw new HttpError(404, 'site_not_found', 'No such site.');
    const patch: SitePatch = { ...input, ...(input.chat ? { chat: { ...current!.chat, ...input.chat } } : {}) } as SitePatch;
    const site = await store.updateSite(siteId, patch);
    if (!site) throw new HttpError(404, 'site_not_found', 'No such site.');
    return { site };
  });
}
