/** Message types the collector stores (the Segment spec's set). */
export const MESSAGE_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;

/** One of MESSAGE_TYPES. */
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Largest message, as UTF-8 JSON (Segment's limit too). */
export const MAX_MESSAGE_BYTES = 32 * 1024;
/** Deepest nesting of objects/arrays in one message, the message itself being level 1. */
export const MAX_MESSAGE_DEPTH = 32;
/** Largest request body (Segment's limit too). */
export const MAX_REQUEST_BYTES = 500 * 1024;

const id = { type: 'string', minLength: 1, maxLength: 200 };
const label = { type: ['string', 'null'], maxLength: 200 };
const object = { type: 'object' };
const time = { type: 'string', format: 'date-time', maxLength: 40 };

/**
 * JSON schema of one message, compiled by Fastify's validator and applied to each message on its own, so one
 * bad message does not sink the batch. Cross-field rules (track needs `event`, …) live in validateMessage.
 */
export const messageSchema = {
  type: 'object',
  required: ['type', 'messageId'],
  properties: {
    type: { type: 'string', enum: MESSAGE_TYPES },
    messageId: { type: 'string', minLength: 1, maxLength: 100 },
    anonymousId: id,
    userId: id,
    event: { type: 'string', minLength: 1, maxLength: 200 },
    name: label,
    category: label,
    properties: object,
    traits: object,
    context: object,
    integrations: object,
    groupId: id,
    previousId: id,
    timestamp: time,
    originalTimestamp: time,
    sentAt: time,
  },
} as const;

/** Fields allowed beside the batch in POST /v1/batch. */
export const envelopeProperties = {
  writeKey: { type: 'string', minLength: 1, maxLength: 200 },
  sentAt: time,
  context: object,
} as const;

/** JSON schema of the POST /v1/batch body (messages are checked one by one afterwards). */
export const batchBodySchema = {
  type: 'object',
  required: ['batch'],
  properties: {
    batch: { type: 'array', minItems: 1, maxItems: 5000 },
    ...envelopeProperties,
  },
} as const;

/** JSON schema of the single-message endpoints' body before the message itself is checked. */
export const singleBodySchema = {
  type: 'object',
  properties: envelopeProperties,
} as const;
