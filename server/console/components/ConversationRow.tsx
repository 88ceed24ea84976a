import { formatShortTime, formatTime, visitorName } from '../format';
import { isUnread } from '../inbox-order';
import { routeHref } from '../route';
import type { Conversation } from '../types';
import { Link } from './Link';
import { Stars } from './Stars';

/** Props of {@link ConversationRow}. */
export interface ConversationRowProps {
  conversation: Conversation;
  site: string;
  selected: boolean;
}

/** The CSAT score of a conversation, whichever shape the server sends it in. */
export function ratingScore(rating: Conversation['rating']): number | null {
  if (typeof rating === 'number') return rating;
  if (rating && typeof rating === 'object' && typeof rating.score === 'number') return rating.score;
  return null;
}

/** One conversation in the inbox list: who, the last message as text, when, unread dot, status and CSAT. */
export function ConversationRow({ conversation, site, selected }: ConversationRowProps) {
  const unread = isUnread(conversation);
  const last = conversation.lastMessage;
  const when = last?.createdAt ?? conversation.createdAt;
  const score = ratingScore(conversation.rating);
  const prefix = last?.author === 'operator' ? 'You: ' : '';
  return (
    <li class={`conv-row${unread ? ' unread' : ''}${selected ? ' selected' : ''}`}>
      <Link
        href={routeHref({ view: 'conversation', param: conversation.id, site })}
        aria-current={selected ? 'page' : undefined}
      >
        <span class="conv-top">
          <span class="conv-name">{visitorName(conversation.visitor ?? {})}</span>
          <time class="conv-time" dateTime={when} title={formatTime(when)}>
            {formatShortTime(when)}
          </time>
        </span>
        <span class="conv-bottom">
          <span class="conv-preview">{last ? `${prefix}${last.text}` : 'No messages yet'}</span>
          {conversation.status === 'closed' && <span class="tag">Closed</span>}
          {score !== null && (
            <span class="csat" title={`Rated ${score} out of 5`}>
              <Stars value={score} />
            </span>
          )}
          {unread && (
            <span class="unread-dot" role="img" aria-label="Unread">
              <span aria-hidden="true" />
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
