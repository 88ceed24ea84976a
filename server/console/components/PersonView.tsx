import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { formatTime, personName, valueText } from '../format';
import { navigate, routeHref } from '../route';
import type { Person, StoredEvent } from '../types';
import { EventRow } from './EventRow';
import { Link } from './Link';

/** Props of {@link PersonView}. */
export interface PersonViewProps {
  api: Api;
  site: string;
  /** A user id or anonymous id. */
  personId: string;
}

/** One person: ids, traits, event timeline, and the privacy actions (export, erase after confirmation). */
export function PersonView({ api, site, personId }: PersonViewProps) {
  const [data, setData] = useState<{ person: Person; events: StoredEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [erasing, setErasing] = useState(false);

  useEffect(() => {
    let current = true;
    setData(null);
    setError(null);
    setConfirming(false);
    api.getPerson(site, personId).then(
      (body) => current && setData(body),
      (err: unknown) => current && setError(errorMessage(err)),
    );
    return () => {
      current = false;
    };
  }, [api, site, personId]);

  const erase = async () => {
    setErasing(true);
    setError(null);
    try {
      await api.erasePerson(site, personId);
      navigate(routeHref({ view: 'people', param: null, site }));
    } catch (err) {
      setError(errorMessage(err));
      setErasing(false);
    }
  };

  const back = (
    <Link href={routeHref({ view: 'people', param: null, site })} class="back">
      ← People
    </Link>
  );
  if (!data) {
    return (
      <section aria-labelledby="view-title">
        {back}
        <h1 id="view-title" tabIndex={-1}>
          Person
        </h1>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : (
          <p class="empty">Loading…</p>
        )}
      </section>
    );
  }

  const { person, events } = data;
  const traits = Object.entries(person.traits ?? {});
  return (
    <section aria-labelledby="view-title">
      {back}
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {personName(person)}
        </h1>
      </header>
      <div class="person-grid">
        <div class="panel">
          <h2>Identity</h2>
          <dl class="pairs">
            <dt>User id</dt>
            <dd>{person.userId || '— (not identified)'}</dd>
            <dt>Anonymous ids</dt>
            <dd>
              {person.anonymousIds.length ? (
                <ul class="plain">
                  {person.anonymousIds.map((id) => (
                    <li key={id}>{id}</li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
            <dt>First seen</dt>
            <dd>{formatTime(person.firstSeen)}</dd>
            <dt>Last seen</dt>
            <dd>{formatTime(person.lastSeen)}</dd>
            <dt>Events</dt>
            <dd>{person.eventCount}</dd>
          </dl>
        </div>
        <div class="panel">
          <h2>Traits</h2>
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
            <p class="muted">No traits yet. They arrive with identify calls.</p>
          )}
        </div>
        <div class="panel">
          <h2>Privacy</h2>
          <p class="muted small">Export or erase everything stored about this person (GDPR access and erasure).</p>
          <div class="button-row">
            <a class="button" href={api.exportUrl(site, personId)} download={`kizuna-person-${personId}.json`}>
              Export JSON
            </a>
            {!confirming && (
              <button type="button" class="danger" onClick={() => setConfirming(true)}>
                Erase…
              </button>
            )}
          </div>
          {confirming && (
            <div class="confirm" role="group" aria-labelledby="erase-q">
              <p id="erase-q">
                Erase this person and all {person.eventCount} of their events? This cannot be undone.
              </p>
              <div class="button-row">
                <button type="button" class="danger" onClick={erase} disabled={erasing} autoFocus>
                  {erasing ? 'Erasing…' : 'Yes, erase everything'}
                </button>
                <button type="button" onClick={() => setConfirming(false)} disabled={erasing}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      </div>
      <h2>Timeline</h2>
      {events.length ? (
        <ol class="events" aria-label="Timeline, newest first">
          {events.map((event) => (
            <EventRow key={event.id ?? event.messageId} event={event} site={site} hidePerson />
          ))}
        </ol>
      ) : (
        <p class="empty">No events stored for this person.</p>
      )}
    </section>
  );
}
