import type { CampaignStore } from './campaign-store.js';
import type { ChatStore } from './chat-store.js';
import type { ChatMessage, ChatSettings, FeedbackRecord, FeedbackSettings } from './chat-types.js';
import type { FeedbackStore } from './feedback-store.js';
import type { SqlDb } from './sql-db.js';

/** A site as the admin API shows it. */
export interface Site {
  id: string;
  name: string;
  writeKey: string;
  /** Allowed browser origins; patterns may use `*` for the port or a leading `*.` subdomain. */
  origins: string[];
  timezone: string;
  /** Days events are kept; null keeps them forever. */
  retentionDays: number | null;
  createdAt: string;
  chat: ChatSettings;
  feedback: FeedbackSettings;
}

/** A site with its identity-verification secret (never listed, only fetched one by one). */
export interface SiteWithSecret extends Site {
  identitySecret: string;
}

/** What is needed to create a site; keys and secrets are generated when omitted. */
export interface NewSite {
  id: string;
  name: string;
  origins: string[];
  timezone: string;
  retentionDays: number | null;
  writeKey?: string;
  identitySecret?: string;
}

/** Fields of a site that can change. */
export interface SitePatch {
  name?: string;
  origins?: string[];
  timezone?: string;
  retentionDays?: number | null;
  /** Replaces the chat settings as a whole (the route merges a partial patch first). */
  chat?: ChatSettings;
  feedback?: FeedbackSettings;
}

/** A validated, enriched message ready to store. */
export interface StoredMessage {
  messageId: string;
  type: string;
  event: string | null;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  /** alias only: the id being merged into userId. */
  previousId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  /** Other spec fields kept verbatim (groupId, previousId, category, integrations). */
  extra: Record<string, unknown>;
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
  browser: string | null;
  os: string | null;
  device: string | null;
}

/** Outcome of storing a batch. */
export interface IngestResult {
  stored: number;
  duplicates: number;
}

/** A stored event as the admin API returns it. */
export interface EventRecord {
  id: number;
  messageId: string;
  type: string;
  name: string | null;
  event: string | null;
  anonymousId: string | null;
  userId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  extra: Record<string, unknown>;
  timestamp: string;
  originalTimestamp: string | null;
  sentAt: string | null;
  receivedAt: string;
  browser: string | null;
  os: string | null;
  device: string | null;
}

/** Filters of the events list and stream. */
export interface EventFilter {
  type?: string;
  /** Matches `event` (track) or `name` (page, screen). */
  name?: string;
}

/** One person: every anonymousId linked to a userId, with merged traits. */
export interface Person {
  id: string;
  userId: string | null;
  anonymousIds: string[];
  traits: Record<string, unknown>;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
}

/** Everything stored about one person. */
export interface PersonExport {
  person: Person | null;
  events: EventRecord[];
  /** Chat conversations of any of the person's ids, each with its messages. */
  conversations: Array<{ id: string; status: string; createdAt: string; closedAt: string | null; rating: number | null; ratingComment: string | null; email: string | null; messages: ChatMessage[] }>;
  feedback: FeedbackRecord[];
}

/** What an erase removed. */
export interface ErasedCounts {
  events: number;
  people: number;
  conversations: number;
  feedback: number;
}

/** Decision of the per-site rate limit. */
export interface RateDecision {
  allowed: boolean;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

/** Rows removed by a retention purge. */
export interface PurgeResult {
  ran: boolean;
  events: number;
  people: number;
}

/** Thrown by createSite when the id or write key is taken. */
export class SiteExistsError extends Error {
  constructor(id: string) {
    super(`a site with id "${id}" already exists`);
    this.name = 'SiteExistsError';
  }
}

/**
 * Everything the collector keeps, behind one interface. Implementations hold no state a second collector
 * process would need: all of it is in the database.
 */
export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** The database itself, for read models that keep their SQL beside their routes (server/overview). */
  readonly db: SqlDb;
  /** Conversations, messages and their streams. */
  readonly chat: ChatStore;
  readonly feedback: FeedbackStore;
  /** Campaigns, campaign settings, and the event reads behind results and engagement scores. */
  readonly campaigns: CampaignStore;
  /** Receives the chat channel's NOTIFY payloads (see SqlDb.listen). */
  listenChat(onPayload: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;

  listSites(): Promise<Site[]>;
  getSite(id: string): Promise<SiteWithSecret | null>;
  findSiteByWriteKey(writeKey: string): Promise<Site | null>;
  createSite(site: NewSite): Promise<Site>;
  updateSite(id: string, patch: SitePatch): Promise<Site | null>;
  /** Creates the demo site when there is no site at all; true when it did. */
  ensureDemoSite(): Promise<boolean>;

  /** Counts `events` against the site's budget for the current window. */
  consumeRate(siteId: string, events: number, windowSeconds: number, limit: number, nowMs?: number): Promise<RateDecision>;
  /** Stores messages in one transaction, skipping (site, messageId) pairs already stored, and updates people. */
  ingest(siteId: string, messages: StoredMessage[]): Promise<IngestResult>;

  /** Events newest first; `before` is an event id cursor. */
  listEvents(siteId: string, options: EventFilter & { before?: number; limit: number }): Promise<EventRecord[]>;
  /** Events with id > afterId, oldest first (the live stream). */
  eventsAfter(siteId: string, afterId: number, filter: EventFilter, limit: number): Promise<EventRecord[]>;
  latestEventId(siteId: string): Promise<number>;

  listPeople(siteId: string, options: { q?: string; limit: number }): Promise<Person[]>;
  /** The people with these person ids (any order; unknown ids are left out). */
  peopleByIds(siteId: string, ids: string[]): Promise<Person[]>;
  /** How many people the site has. */
  countPeople(siteId: string): Promise<number>;
  /** Finds a person by person id, anonymousId or userId. */
  findPerson(siteId: string, id: string): Promise<Person | null>;
  /** A person's events, newest first, optionally of one type. */
  personEvents(siteId: string, person: Person, limit?: number, type?: string): Promise<EventRecord[]>;
  /** Everything about a person, or null when nothing at all is stored under that id. */
  exportPerson(siteId: string, id: string): Promise<PersonExport | null>;
  /** Erases a person, all their events, chat conversations and feedback; null when nothing matched. */
  deletePerson(siteId: string, id: string): Promise<ErasedCounts | null>;

  /**
   * Deletes events older than each site's retention, people not seen since, expired sessions and old
   * rate windows. Without `force`, runs at most once per `minGapMs` across all collectors.
   */
  purgeExpired(options?: { now?: Date; force?: boolean; minGapMs?: number }): Promise<PurgeResult>;

  getSetting(key: string): Promise<string | null>;
  /** Stores the value unless the key exists; returns the value that is stored either way. */
  setSettingIfAbsent(key: string, value: string): Promise<string>;

  createSession(tokenHash: string, fingerprint: string, expiresAt: Date): Promise<void>;
  hasSession(tokenHash: string, fingerprint: string): Promise<boolean>;
  deleteSession(tokenHash: string): Promise<void>;

  close(): Promise<void>;
}
