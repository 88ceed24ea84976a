import type { ChatMessage, Conversation, ConversationStatusFilter } from './types';

/** True when the conversation has visitor messages no operator has read. */
export function isUnread(conversation: Conversation): boolean {
  const unread = conversation.unreadForOperator;
  return typeof unread === 'number' ? unread > 0 : Boolean(unread);
}

/** When the conversation last moved: its last message, else its creation (ms since epoch, 0 when unknown). */
export function lastActivity(conversation: Conversation): number {
  const t = Date.parse(conversation.lastMessage?.createdAt ?? conversation.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

/** The inbox order: unread first, then the most recent activity first (the server's order, kept for live updates). */
export function sortConversations(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => Number(isUnread(b)) - Number(isUnread(a)) || lastActivity(b) - lastActivity(a));
}

/** True when a conversation belongs in the list for this status filter. */
export function matchesStatus(conversation: Conversation, filter: ConversationStatusFilter): boolean {
  return filter === 'all' || conversation.status === filter;
}

/** The list with one conversation added or replaced (dropped when it no longer matches the filter), re-sorted. */
export function upsertConversation(
  list: Conversation[],
  conversation: Conversation,
  filter: ConversationStatusFilter,
): Conversation[] {
  const others = list.filter((c) => c.id !== conversation.id);
  return sortConversations(matchesStatus(conversation, filter) ? [...others, conversation] : others);
}

/**
 * The list after a new message arrived over the stream: it becomes the conversation's last message, and a visitor
 * message counts as unread unless the operator is looking at that conversation. Returns null when the conversation
 * is not in the list (the caller fetches the list again: it may be a new conversation).
 */
export function applyMessage(list: Conversation[], message: ChatMessage, viewing: string | null): Conversation[] | null {
  const current = list.find((c) => c.id === message.conversationId);
  if (!current) return null;
  const previous = current.lastMessage;
  // The stream may repeat a message the list already shows (reconnect, or a fetch that raced it).
  if (previous && previous.id === message.id) return list;
  const newer = !previous || Date.parse(message.createdAt) >= Date.parse(previous.createdAt);
  let unread = current.unreadForOperator;
  if (message.author === 'visitor' && message.conversationId !== viewing) {
    unread = (typeof unread === 'number' ? unread : unread ? 1 : 0) + 1;
  }
  const updated: Conversation = { ...current, lastMessage: newer ? message : previous, unreadForOperator: unread };
  return sortConversations(list.map((c) => (c.id === current.id ? updated : c)));
}
