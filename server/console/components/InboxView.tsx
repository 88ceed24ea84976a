import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { isUnread } from '../inbox-order';
import type { ConversationStatusFilter } from '../types';
import { useInbox } from '../use-inbox';
import type { StreamStatus } from '../use-live-events';
import { ConversationRow } from './ConversationRow';
import { ConversationView } from './ConversationView';

/** Props of {@link InboxView}. */
export interface InboxViewProps {
  api: Api;
  site: string;
  /** The open conversation, or null for the list alone. */
  conversationId: string | null;
}

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Disconnected',
};

const FILTERS: { value: ConversationStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

/**
 * The inbox: conversations (unread first, then newest) updating live, and the open conversation beside them.
 * At phone width the list and the conversation are separate screens (CSS hides the one not in use).
 */
export function InboxView({ api, site, conversationId }: InboxViewProps) {
  const [filter, setFilter] = useState<ConversationStatusFilter>('open');
  const inbox = useInbox(api, site, filter, conversationId);
  const unread = inbox.conversations.filter(isUnread).length;

  return (
    <section class={`inbox${conversationId ? ' has-selection' : ''}`} aria-labelledby="inbox-title">
      <div class="inbox-list">
        <header class="view-header">
          <h1 id="inbox-title">
            {/* Without an open conversation the list heading is the view's title (focused after navigation). */}
            <span id={conversationId ? undefined : 'view-title'} tabIndex={-1}>
              Inbox
            </span>
            {unread > 0 && (
              <span class="count">
                {unread}
                <span class="visually-hidden"> unread</span>
              </span>
            )}
          </h1>
          <p class={`stream-status status-${inbox.status}`} role="status">
            <span class="dot" aria-hidden="true" />
            {STATUS_TEXT[inbox.status]}
          </p>
          {inbox.status === 'offline' && (
            <button type="button" onClick={inbox.reconnect}>
              Reconnect
            </button>
          )}
        </header>
        <div class="segmented" role="group" aria-label="Show conversations">
          {FILTERS.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={filter === option.value}
              onClick={() => setFilter(option.value)}
            >
              {option.label}
            </button>
          ))}
        </div>
        {inbox.error && (
          <p class="error" role="alert">
            {inbox.error}
          </p>
        )}
        {inbox.conversations.length === 0 ? (
          <div class="empty">
            {inbox.loading ? (
              <p>Loading conversations…</p>
            ) : filter === 'closed' ? (
              <p>No closed conversations.</p>
            ) : (
              <>
                <p>No conversations yet. They appear here the moment a visitor writes.</p>
                <p class="muted small">
                  Try it: open the demo <a href="/support.html">support page</a> and send a message from the chat.
                </p>
              </>
            )}
          </div>
        ) : (
          <ul class="conversations" aria-label="Conversations, unread first">
            {inbox.conversations.map((conversation) => (
              <ConversationRow
                key={conversation.id}
                conversation={conversation}
                site={site}
                selected={conversation.id === conversationId}
              />
            ))}
          </ul>
        )}
      </div>
      <div class="inbox-pane">
        {conversationId ? (
          <ConversationView key={conversationId} api={api} site={site} id={conversationId} inbox={inbox} />
        ) : (
          <div class="empty pane-empty">
            <p>Pick a conversation to read it and reply.</p>
          </div>
        )}
      </div>
    </section>
  );
}
