import { jsonDepth } from '../json-depth.js';
import { MAX_MESSAGE_BYTES, MAX_MESSAGE_DEPTH, MESSAGE_TYPES } from './message-schema.js';

/** A compiled JSON-schema check (Fastify/Ajv validate function). */
export interface SchemaCheck {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null;
}

/** A message that passed validation. */
export interface ValidMessage {
  type: (typeof MESSAGE_TYPES)[number];
  messageId: string;
  anonymousId?: string;
  userId?: string;
  event?: string;
  name?: string | null;
  category?: string | null;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  groupId?: string;
  previousId?: string;
  timestamp?: string;
  originalTimestamp?: string;
}

/** Either a valid message or the reason it is not. */
export type Validation = { ok: true; message: ValidMessage } | { ok: false; reason: string };

// PostgreSQL text and jsonb cannot hold NUL or unpaired UTF-16 surrogates; JSON.stringify escapes exactly those
// as \u0000 and \udXXX, so find them there (an odd number of backslashes means a real escape).
const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** True when JSON text (from JSON.stringify) holds a NUL or an unpaired surrogate, which PostgreSQL refuses. */
export function hasUnstorableText(json: string): boolean {
  return UNSTORABLE.test(json);
}

const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

function describe(error: NonNullable<SchemaCheck['errors']>[number]): string {
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') return `${String(error.params.missingProperty)} is required`;
  if (error.keyword === 'enum' && field === 'type') return `type must be one of ${MESSAGE_TYPES.join(', ')}`;
  if (error.keyword === 'format') return `${field} must be an ISO-8601 date-time such as 2024-05-01T12:00:00.000Z`;
  return `${field || 'message'} ${error.message ?? 'is invalid'}`;
}

/**
 * Checks one message: the JSON schema first, then what a schema says badly or not at all — an id to attribute
 * it to, per-type required fields, plausible timestamps, size, and text PostgreSQL cannot store.
 */
export function validateMessage(raw: unknown, check: SchemaCheck): Validation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'message must be a JSON object' };
  if (!check(raw)) return { ok: false, reason: describe(check.errors![0]!) };
  const m = raw as ValidMessage;
  if (!m.anonymousId && !m.userId) return { ok: false, reason: 'anonymousId or userId is required' };
  if (m.type === 'track' && !m.event) return { ok: false, reason: 'event is required for track' };
  if (m.type === 'group' && !m.groupId) return { ok: false, reason: 'groupId is required for group' };
  if (m.type === 'alias' && (!m.previousId || !m.userId)) return { ok: false, reason: 'previousId and userId are required for alias' };
  for (const field of ['timestamp', 'originalTimestamp'] as const) {
    const value = m[field];
    if (value === undefined) continue;
    const t = Date.parse(value);
    if (!(t >= MIN_TIME && t <= MAX_TIME)) return { ok: false, reason: `${field} must be between 1970 and 9999` };
  }
  const text = JSON.stringify(raw);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_MESSAGE_BYTES) return { ok: false, reason: `message is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES} (32 KiB)` };
  const depth = jsonDepth(text);
  if (depth > MAX_MESSAGE_DEPTH) return { ok: false, reason: `message is nested ${depth} levels deep; the limit is ${MAX_MESSAGE_DEPTH}` };
  if (hasUnstorableText(text)) return { ok: false, reason: 'message contains a NUL character or an unpaired surrogate (\\u0000, \\ud800…), which cannot be stored' };
  return { ok: true, message: m };
}
