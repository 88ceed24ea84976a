import { randomUUID } from 'node:crypto';
import type { StoredMessage } from '../../../server/store/store.js';

/** A wire-format track message as the SDK sends it. */
export function trackMessage(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Button Clicked',
    messageId: randomUUID(),
    anonymousId: 'anon-1',
    properties: { plan: 'pro' },
    timestamp: new Date().toISOString(),
    context: { library: { name: 'kizuna', version: '0.1.0' }, page: { path: '/' } },
    ...overrides,
  };
}

/** A validated, enriched message ready for Store.ingest. */
export function storedMessage(overrides: Partial<StoredMessage> = {}): StoredMessage {
  const now = new Date();
  return {
    messageId: randomUUID(),
    type: 'track',
    event: 'Viewed',
    name: null,
    anonymousId: 'anon-1',
    userId: null,
    previousId: null,
    properties: {},
    traits: {},
    context: {},
    extra: {},
    timestamp: now,
    originalTimestamp: now,
    sentAt: null,
    receivedAt: now,
    browser: null,
    os: null,
    device: null,
    ...overrides,
  };
}
