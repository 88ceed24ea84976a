/** Data for console tests: a demo site, events and chat conversations shaped like the collector stores them. */
import type { ChatMessage, Conversation, Site, StoredEvent } from '../../server/console/types';
import type { FakeConversation } from './fake-admin-api';

/** The demo site the collector creates on first start. */
export const demoSite: Site = {
  id: 'demo',
  name: 'Demo site',
  writeKey: 'pk_demo',
  origins: ['http://localhost:*', 'http://127.0.0.1:*'],
  timezone: 'Asia/Tokyo',
  retentionDays: 365,
  createdAt: '2026-01-01T00:00:00.000Z',
};

let counter = 0;

/** An event; `secondsAgo` sets its time (and id order) relative to a fixed clock so order is predictable. */
export function makeEvent(partial: Partial<StoredEvent> & { secondsAgo?: number } = {}): StoredEvent {
  counter += 1;
  const { secondsAgo = counter, ...rest } = partial;
  const at = new Date(Date.UTC(2026, 0, 2, 12, 0, 0) - secondsAgo * 1000).toISOString();
  return {
    // Numeric row ids like the collector's, higher for newer events (the order the server lists them in).
    id: 10_000_000 - secondsAgo * 1000 + counter,
    messageId: `018f0000-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    type: 'track',
    event: `Event ${counter}`,
    name: null,
    anonymousId: 'a1b2c3d4-0000-4000-8000-000000000001',
    userId: null,
    properties: {},
    traits: null,
    context: { page: { path: '/', url: 'http://localhost:8080/' } },
    timestamp: at,
    receivedAt: at,
    browser: 'Chrome',
    os: 'Linux',
    device: 'desktop',
    ...rest,
  };
}

/** A time `secondsAgo` before the fixtures' fixed clock, as ISO text. */
export function at(secondsAgo: number): string {
  return new Date(Date.UTC(2026, 0, 2, 12, 0, 0) - secondsAgo * 1000).toISOString();
}

let messageCounter = 0;

/** A chat message of a conversation. */
export function makeMessage(conversationId: string, partial: Partial<ChatMessage> & { secondsAgo?: number } = {}): ChatMessage {
  messageCounter += 1;
  const { secondsAgo = 60, ...rest } = partial;
  return {
    id: `m-${messageCounter}`,
    conversationId,
    author: 'visitor',
    text: `Message ${messageCounter}`,
    clientId: null,
    createdAt: at(secondsAgo),
    readAt: null,
    ...rest,
  };
}

/** A conversation and its messages; the last message becomes `lastMessage`. */
export function makeConversation(
  id: string,
  options: { visitor?: Conversation['visitor']; messages?: Partial<ChatMessage & { secondsAgo: number }>[] } & Partial<
    Omit<Conversation, 'visitor'>
  > & { context?: FakeConversation['context'] } = {},
): FakeConversation {
  const { visitor, messages: specs = [{}], context, ...rest } = options;
  const messages = specs.map((spec) => makeMessage(id, spec));
  return {
    conversation: {
      id,
      status: 'open',
      visitor: { anonymousId: `anon-${id}-0000-4000-8000-000000000000`, traits: {}, verified: false, email: null, ...visitor },
      createdAt: messages[0]?.createdAt ?? at(600),
      closedAt: null,
      lastMessage: messages[messages.length - 1] ?? null,
      unreadForOperator: 0,
      firstResponseSeconds: null,
      resolutionSeconds: null,
      rating: null,
      ...rest,
    },
    messages,
    context,
  };
}
