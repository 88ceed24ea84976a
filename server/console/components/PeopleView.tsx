import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { formatTime, personName, shortId } from '../format';
import { routeHref } from '../route';
import type { Person } from '../types';
import { useDebounced } from '../use-debounced';
import { Link } from './Link';

/** Props of {@link PeopleView}. */
export interface PeopleViewProps {
  api: Api;
  site: string;
  debounceMs?: number;
}

/** People of one site, most recently seen first, with a search over ids and traits. */
export function PeopleView({ api, site, debounceMs = 300 }: PeopleViewProps) {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), debounceMs);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    api.listPeople(site, query, 100).then(
      (list) => current && setPeople(list),
      (err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setPeople([]);
      },
    );
    return () => {
      current = false;
    };
  }, [api, site, query]);

  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          People
        </h1>
      </header>
      <form class="toolbar" role="search" aria-label="Search people" onSubmit={(event) => event.preventDefault()}>
        <div class="field grow">
          <label for="people-q">Search by user id, anonymous id, name or email</label>
          <input id="people-q" type="search" value={q} onInput={(event) => setQ(event.currentTarget.value)} />
        </div>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {people === null ? (
        <p class="empty">Loading people…</p>
      ) : people.length === 0 ? (
        <p class="empty">{query ? 'Nobody matches that search.' : 'No people yet. Visitors appear after their first event.'}</p>
      ) : (
        <ul class="cards people" aria-label="People">
          {people.map((person) => {
            const id = person.userId || person.anonymousIds[0] || person.id;
            return (
              <li key={person.id} class="card person-card">
                <Link href={routeHref({ view: 'person', param: id, site })} class="card-title">
                  {personName(person)}
                </Link>
                <p class="muted small" title={id}>
                  {person.userId ? `User ${person.userId}` : `Anonymous ${shortId(id)}`}
                </p>
                <p class="small">
                  {person.eventCount} {person.eventCount === 1 ? 'event' : 'events'} · last seen{' '}
                  <time dateTime={person.lastSeen}>{formatTime(person.lastSeen)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
