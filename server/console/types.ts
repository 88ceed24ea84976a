/** A site as the admin API returns it. */
export interface Site {
  id: string;
  name: string;
  writeKey: string;
  origins: string[];
  timezone: string;
  retentionDays: number | null;
  createdAt: string;
}

/** Fields an operator may set when creating a site (`id` only on create). */
export interface SiteInput {
  id?: string;
  name?: string;
  origins?: string[];
  timezone?: string;
  retentionDays?: number | null;
}

/** The message types the collector stores. */
export type EventType = 'page' | 'track' | 'identify';

/** A stored event as the admin API returns it (every field is untrusted, visitor-supplied data). */
export interface StoredEvent {
  /** Row id (the server sends a number; the console only compares it). */
  id: string | number;
  messageId: string;
  type: EventType | string;
  name?: string | null;
  event?: string | null;
  anonymousId?: string | null;
  userId?: string | null;
  properties?: Record<string, unknown> | null;
  traits?: Record<string, unknown> | null;
  context?: Record<string, unknown> | null;
  timestamp: string;
  receivedAt: string;
  browser?: string | null;
  os?: string | null;
  device?: string | null;
}

/** One page of events, newest first; `next` is the cursor for older ones. */
export interface EventPage {
  events: StoredEvent[];
  next: string | null;
}

/** A person: one or more anonymous ids linked to an optional user id. */
export interface Person {
  id: string;
  userId?: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
}

/** Filters for the events list and stream. */
export interface EventFilter {
  type: string;
  name: string;
}
