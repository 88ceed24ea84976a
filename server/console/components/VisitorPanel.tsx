import { Fragment } from 'preact';
import { eventLabel, formatDuration, formatShortTime, formatTime, valueText, visitorName } from '../format';
import { routeHref } from '../route';
import type { Conversation, ConversationContext } from '../types';
import { ratingScore } from './ConversationRow';
import { Link } from './Link';
import { SafeLink } from './SafeLink';
import { Stars } from './Stars';

/** Props of {@link VisitorPanel}. */
export interface VisitorPanelProps {
  conversation: Conversation;
  context: ConversationContext;
  site: string;
}

function pathOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/**
 * The visitor beside a conversation: who (verified or not, email given), where they are and have been, what they
 * did lately, their traits, and how the conversation went (first response, resolution, rating). All text is
 * visitor-supplied and rendered as text.
 */
export function VisitorPanel({ conversation, context, site }: VisitorPanelProps) {
  const visitor = conversation.visitor ?? {};
  // A timeline exists only when the visitor has events (a chat alone creates no person record).
  const hasPerson = Boolean(visitor.personId) || context.recentEvents.length > 0 || context.pages.length > 0;
  const personId = hasPerson ? visitor.personId || visitor.userId || visitor.anonymousId : null;
  const traits = Object.entries(context.traits && Object.keys(context.traits).length ? context.traits : visitor.traits ?? {});
  const score = ratingScore(conversation.rating);
  const comment =
    conversation.rating && typeof conversation.rating === 'object' ? conversation.rating.comment : null;
  const current = context.currentPage;

  return (
    <aside class="visitor-panel" id="visitor-panel" tabIndex={-1} aria-label="Visitor">
      <section>
        <h3 class="visitor-name">{visitorName(visitor)}</h3>
        <p class="visitor-badges">
          {visitor.verified ? (
            <span class="tag tag-ok" title="Signed in on the site; identity verified with the site's secret">
              ✓ Verified
            </span>
          ) : (
            <span class="tag" title="Anyone can claim a user id unless it is verified">
              Not verified
            </span>
          )}
        </p>
        <dl class="pairs">
          {visitor.email && (
            <>
              <dt>Email</dt>
              <dd>{visitor.email}</dd>
            </>
          )}
          {visitor.userId && (
            <>
              <dt>User id</dt>
              <dd>{visitor.userId}</dd>
            </>
          )}
          {visitor.anonymousId && (
            <>
              <dt>Anonymous id</dt>
              <dd class="mono">{visitor.anonymousId}</dd>
            </>
          )}
        </dl>
        {personId && (
          <p class="small">
            <Link href={routeHref({ view: 'person', param: personId, site })}>Full timeline →</Link>
          </p>
        )}
      </section>

      <section>
        <h4>Conversation</h4>
        <dl class="pairs">
          <dt>Status</dt>
          <dd>{conversation.status === 'closed' ? 'Closed' : 'Open'}</dd>
          <dt>Started</dt>
          <dd>{formatTime(conversation.createdAt)}</dd>
          <dt>First response</dt>
          <dd>{conversation.firstResponseSeconds == null ? 'Not answered yet' : formatDuration(conversation.firstResponseSeconds)}</dd>
          <dt>Resolution</dt>
          <dd>{conversation.resolutionSeconds == null ? 'Not closed yet' : formatDuration(conversation.resolutionSeconds)}</dd>
          <dt>Rating</dt>
          <dd>{score === null ? 'Not rated' : <Stars value={score} />}</dd>
        </dl>
        {comment && <p class="rating-comment">“{comment}”</p>}
      </section>

      <section>
        <h4>Current page</h4>
        {current?.url ? (
          <p class="page-line">
            <SafeLink url={current.url} label={current.title || pathOf(current.url)} />
            {current.title && <span class="muted small mono"> {pathOf(current.url)}</span>}
          </p>
        ) : (
          <p class="muted small">Unknown</p>
        )}
      </section>

      <section>
        <h4>Pages seen</h4>
        {context.pages.length ? (
          <ol class="compact">
            {context.pages.map((page, i) => (
              <li key={`${page.url}-${page.timestamp}-${i}`}>
                <span class="compact-main">
                  {page.url ? <SafeLink url={page.url} label={page.title || pathOf(page.url)} /> : page.title || '—'}
                </span>
                <time class="muted small" dateTime={page.timestamp ?? undefined}>
                  {formatShortTime(page.timestamp)}
                </time>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted small">No page views recorded.</p>
        )}
      </section>

      <section>
        <h4>Recent events</h4>
        {context.recentEvents.length ? (
          <ol class="compact">
            {context.recentEvents.map((event, i) => (
              <li key={String(event.id ?? event.messageId ?? i)}>
                <span class="compact-main">
                  <span class="muted small">{event.type}</span> {eventLabel(event)}
                </span>
                <time class="muted small" dateTime={event.timestamp}>
                  {formatShortTime(event.timestamp)}
                </time>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted small">No events recorded.</p>
        )}
      </section>

      <section>
        <h4>Traits</h4>
        {traits.length ? (
          <dl class="pairs">
            {traits.map(([key, value]) => (
              <Fragment key={key}>
                <dt>{key}</dt>
                <dd>{valueText(value)}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p class="muted small">No traits yet.</p>
        )}
      </section>
    </aside>
  );
}
