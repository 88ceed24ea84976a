import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { USER_AGENT } from './real-collector.js';

/**
 * Sends one batch to `origin`/v1/batch the way the SDK in a browser does (text/plain, write key pk_demo in the body,
 * the page's Origin) and expects every message stored. Each message gets a fresh messageId, the current time, and an
 * anonymousId of its own unless it brings one.
 */
export async function sendBatch(origin: string, messages: Record<string, unknown>[]): Promise<void> {
  const now = new Date().toISOString();
  const batch = messages.map((m) => ({ messageId: randomUUID(), anonymousId: randomUUID(), timestamp: now, ...m }));
  const response = await fetch(`${origin}/v1/batch`, {
    method: 'POST',
    // Node's own user agent counts as a bot, and the collector drops bots.
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin, 'user-agent': USER_AGENT },
    body: JSON.stringify({ batch, sentAt: now, writeKey: 'pk_demo' }),
  });
  const reply = await response.text();
  expect(response.status, reply).toBe(200);
  expect(JSON.parse(reply), reply).toMatchObject({ stored: messages.length });
}
