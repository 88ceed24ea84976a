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

/** Opening hours per weekday as `[["09:00","18:00"], …]` in the site's chosen timezone. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** When operators answer; `null` on the site means always open. */
export interface BusinessHours {
  timezone: string;
  days: Record<Weekday, [string, string][]>;
}

/** A site's chat settings. */
export interface ChatSettings {
  enabled: boolean;
  businessHours: BusinessHours | null;
  requireVerification: boolean;
  replyTimeMinutes: number;
}

/** Rating scale of the feedback form. */
export type FeedbackScale = 'nps' | 'stars';

/** A site as `GET /v1/admin/sites/:site` returns it: with chat settings and the identity secret. */
export interface SiteDetail extends Site {
  chat?: ChatSettings;
  feedback?: { scale: FeedbackScale };
  identitySecret?: string;
}

/** The chat and feedback settings an operator may PATCH onto a site. */
export interface ChatSettingsInput {
  chat: ChatSettings;
  feedback: { scale: FeedbackScale };
}

/** Who wrote a chat message. */
export type MessageAuthor = 'visitor' | 'operator' | 'system';

/** One chat message; `text` is untrusted plain text. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  author: MessageAuthor | string;
  text: string;
  clientId?: string | null;
  createdAt: string;
  readAt?: string | null;
}

/** The visitor of a conversation (every field but the ids may be missing). */
export interface ConversationVisitor {
  personId?: string | null;
  anonymousId?: string | null;
  userId?: string | null;
  traits?: Record<string, unknown> | null;
  verified?: boolean;
  email?: string | null;
}

/** The visitor's rating of a closed conversation (CSAT 1–5). */
export interface ConversationRating {
  score: number;
  comment?: string | null;
}

/** A conversation as the operator API lists it. */
export interface Conversation {
  id: string;
  status: 'open' | 'closed' | string;
  visitor: ConversationVisitor;
  createdAt: string;
  closedAt?: string | null;
  lastMessage?: ChatMessage | null;
  /** Visitor messages the operators have not read (a count; the server may send a boolean). */
  unreadForOperator?: number | boolean;
  firstResponseSeconds?: number | null;
  resolutionSeconds?: number | null;
  rating?: ConversationRating | number | null;
}

/** A page the visitor saw. */
export interface VisitedPage {
  url?: string | null;
  title?: string | null;
  timestamp?: string | null;
}

/** What the console knows about the visitor of one conversation. */
export interface ConversationContext {
  currentPage: VisitedPage | null;
  pages: VisitedPage[];
  recentEvents: StoredEvent[];
  traits: Record<string, unknown>;
}

/** One conversation with its messages and visitor context. */
export interface ConversationDetail {
  conversation: Conversation;
  messages: ChatMessage[];
  context: ConversationContext;
}

/** Which conversations the inbox lists. */
export type ConversationStatusFilter = 'open' | 'closed' | 'all';

/** One feedback answer; `comment` and `page` are untrusted. */
export interface Feedback {
  id: string;
  scale: FeedbackScale | string;
  rating: number;
  comment?: string | null;
  page?: { url?: string | null; title?: string | null } | null;
  anonymousId?: string | null;
  userId?: string | null;
  createdAt: string;
}

/** Aggregate of the feedback the server holds. */
export interface FeedbackSummary {
  count: number;
  nps: number | null;
  averageStars: number | null;
}

/** An event of the inbox stream. */
export type InboxEvent =
  | { type: 'conversation'; conversation: Conversation }
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'typing'; conversationId: string; typing: boolean };
