import { eventLabel, eventPath, eventPersonId, formatTime, propertySummary, shortId } from '../format';
import { routeHref } from '../route';
import type { StoredEvent } from '../types';
import { JsonBlock } from './JsonBlock';
import { Link } from './Link';

/** Props of {@link EventRow}. */
export interface EventRowProps {
  event: StoredEvent;
  site: string;
  /** Hide the person link (on a person's own timeline). */
  hidePerson?: boolean;
}

/** One event: when, type, what, who and where, with its raw data behind a disclosure. */
export function EventRow({ event, site, hidePerson }: EventRowProps) {
  const person = eventPersonId(event);
  const label = eventLabel(event);
  const path = eventPath(event);
  const summary = propertySummary(event);
  const env = [event.browser, event.os, event.device].filter((part) => typeof part === 'string' && part).join(' · ');
  return (
    <li class="event">
      <div class="event-main">
        <span class={`badge badge-${['page', 'track', 'identify'].includes(event.type) ? event.type : 'other'}`}>
          {event.type}
        </span>
        <span class="event-label">{label}</span>
        <time class="event-time" dateTime={event.receivedAt || event.timestamp}>
          {formatTime(event.timestamp || event.receivedAt)}
        </time>
      </div>
      {summary.length > 0 && (
        <p class="event-props">
          {summary.map((pair) => (
            <span key={pair}>{pair}</span>
          ))}
        </p>
      )}
      <div class="event-meta">
        {!hidePerson && person && (
          <Link href={routeHref({ view: 'person', param: person, site })} title={person} class="event-person">
            {event.userId ? event.userId : `anon ${shortId(person)}`}
          </Link>
        )}
        {path && path !== label && <span class="event-path">{path}</span>}
        {env && <span class="event-env">{env}</span>}
      </div>
      <details class="event-details">
        <summary>Details</summary>
        <dl class="pairs">
          <dt>Message id</dt>
          <dd>{event.messageId}</dd>
          <dt>Received</dt>
          <dd>{formatTime(event.receivedAt)}</dd>
          {event.anonymousId && (
            <>
              <dt>Anonymous id</dt>
              <dd>{event.anonymousId}</dd>
            </>
          )}
        </dl>
        <JsonBlock label="Properties" value={event.properties} />
        <JsonBlock label="Traits" value={event.traits} />
        <JsonBlock label="Context" value={event.context} />
      </details>
    </li>
  );
}
