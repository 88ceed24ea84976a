/** A chat message as the collector sends it, plus local state for messages not yet acknowledged. */
export interface ChatMessage {
  id: string;
  conversationId: string;
  author: 'visitor' | 'operator' | 'system';
  /** Plain text: rendered as text, links made clickable, never HTML. */
  text: string;
  clientId: string | null;
  createdAt: string;
  readAt: string | null;
  /** Written here and not yet acknowledged (offline, or on its way). */
  pending?: boolean;
  /** Refused for good, with the string key of the reason. */
  failed?: ErrorKey;
}

/** The visitor's conversation as the collector sends it. */
export interface Conversation {
  id: string;
  status: 'open' | 'closed';
}

/** GET /v1/chat/config. */
export interface ChatConfig {
  enabled: boolean;
  online: boolean;
  nextOpen: string | null;
  replyTimeMinutes: number;
  requireVerification: boolean;
  feedbackScale: 'nps' | 'stars';
}

/** The errors the widget explains: the collector's codes that the visitor can act on, `network`, else `error`. */
export type ErrorKey = 'text_too_long' | 'rate_limited' | 'verification_required' | 'network' | 'error';

/** Everything the chat view draws from. */
export interface ChatState {
  config?: ChatConfig;
  conversation?: Conversation;
  messages: ChatMessage[];
  /** Operator messages in the conversation the visitor has not seen. */
  unread: number;
  /** The operator is typing. */
  typing: boolean;
  error?: ErrorKey;
  /** The conversation ended while this page was open: ask for a rating. */
  ended?: boolean;
  /** The email address left for an answer outside business hours. */
  emailed?: string;
}
