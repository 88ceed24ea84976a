/** A weekday key of business hours. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening intervals per weekday, `[["09:00","18:00"]]`, as wall-clock times in `timezone`. */
export interface BusinessHours {
  timezone: string;
  days: Partial<Record<Weekday, Array<[string, string]>>>;
}

/** A site's chat settings (`businessHours: null` = always open). */
export interface ChatSettings {
  enabled: boolean;
  businessHours: BusinessHours | null;
  requireVerification: boolean;
  replyTimeMinutes: number;
}

/** Rating scale of the feedback form: NPS 0–10 or 1–5 stars. */
export type FeedbackScale = 'nps' | 'stars';

/** A site's feedback settings. */
export interface FeedbackSettings {
  scale: FeedbackScale;
}

/** Who wrote a chat message. */
export type MessageAuthor = 'visitor' | 'operator' | 'system';

/** A page as the widget reports it. */
export interface PageRef {
  url: string | null;
  title: string | null;
}

/** A chat message as both APIs return it. Ids are strings; `text` is plain text, never HTML. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  author: MessageAuthor;
  text: string;
  clientId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A CSAT rating of a conversation. */
export interface ConversationRating {
  score: number;
  comment: string | null;
}

/** A conversation as its visitor sees it. */
export interface VisitorConversation {
  id: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  /** Operator messages the visitor has not read. */
  unread: number;
  lastMessage: ChatMessage | null;
  rating: ConversationRating | null;
}

/** The visitor of a conversation, for operators. */
export interface ConversationVisitor {
  personId: string | null;
  anonymousId: string | null;
  userId: string | null;
  traits: Record<string, unknown>;
  verified: boolean;
  email: string | null;
}

/** A conversation as the operator API returns it. */
export interface OperatorConversation {
  id: string;
  status: 'open' | 'closed';
  visitor: ConversationVisitor;
  createdAt: string;
  closedAt: string | null;
  lastMessage: ChatMessage | null;
  /** Visitor messages no operator has read. */
  unreadForOperator: number;
  /** First operator message − first visitor message. */
  firstResponseSeconds: number | null;
  /** closedAt − createdAt. */
  resolutionSeconds: number | null;
  rating: ConversationRating | null;
}

/** A visitor's chat identity, found from a token. */
export interface ChatVisitor {
  id: string;
  siteId: string;
  anonymousId: string | null;
  userId: string | null;
  verified: boolean;
}

/** Type of a stream event. */
export type ChatEventType = 'message' | 'typing' | 'conversation';

/** One event of a stream; `id` is the cursor (null for typing, which is not stored). */
export interface ChatEvent {
  id: string | null;
  type: ChatEventType;
  data: unknown;
}

/** A stored stream event with both renderings (null = not for that audience). */
export interface StoredChatEvent {
  id: string;
  siteId: string;
  visitorId: string;
  type: ChatEventType;
  visitorData: unknown;
  operatorData: unknown;
}

/** What the database notification carries: ids only; the listener reads the row. */
export type ChatNotice =
  | { k: 'e'; id: string; s: string; v: string }
  | { k: 't'; s: string; v: string; c: string; from: 'visitor' | 'operator'; on: boolean };

/** The visitor's context shown next to a conversation. */
export interface ConversationContext {
  currentPage: PageRef | null;
  pages: Array<PageRef & { timestamp: string }>;
  recentEvents: unknown[];
  traits: Record<string, unknown>;
}

/** One stored feedback answer. */
export interface FeedbackRecord {
  id: string;
  scale: FeedbackScale;
  rating: number;
  comment: string | null;
  page: PageRef | null;
  anonymousId: string | null;
  userId: string | null;
  createdAt: string;
}

/** Aggregate over all of a site's feedback. */
export interface FeedbackSummary {
  count: number;
  /** % promoters (9–10) − % detractors (0–6) over NPS answers, rounded; null without any. */
  nps: number | null;
  /** Mean of star answers, two decimals; null without any. */
  averageStars: number | null;
}
