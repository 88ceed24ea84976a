import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { createCampaignApi } from '../campaign-api';
import type { PeopleByScore } from '../campaign-types';
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

type Sort = 'recent' | 'score';

function sortFromUrl(): Sort {
  return new URLSearchParams(location.search).get('sort') === 'score' ? 'score' : 'recent';
}

/** Keeps the sort in the address (`?sort=score`), so the list can be linked and survives a reload. */
function writeSort(sort: Sort): void {
  const url = new URL(location.href);
  if (sort === 'score') url.searchParams.set('sort', 'score');
  else url.searchParams.delete('sort');
  history.replaceState(history.state, '', url.pathname + url.search);
}

const personId = (person: Person) => person.userId || person.anonymousIds[0] || person.id;

/**
 * People of one site: most recently seen first with a search over ids and traits, or by engagement score (highest
 * first) with each person's score and tier and how many people each tier holds.
 */
export function PeopleView({ api, site, debounceMs = 300 }: PeopleViewProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const [sort, setSort] = useState<Sort>(sortFromUrl);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), debounceMs);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [scored, setScored] = useState<PeopleByScore | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setError(null);
    if (sort === 'score') {
      setScored(null);
      campaigns.peopleByScore(site, 100).then(
        (answer) => current && setScored(answer),
        (err: unknown) => {
          if (!current) return;
          setError(errorMessage(err));
          setScored({ people: [], tiers: [], total: 0 });
        },
      );
    } else {
      api.listPeople(site, query, 100).then(
        (list) => current && setPeople(list),
        (err: unknown) => {
          if (!current) return;
          setError(errorMessage(err));
          setPeople([]);
        },
      );
    }
    return () => {
      current = false;
    };
  }, [api, campaigns, site, query, sort]);

  const changeSort = (next: Sort) => {
    setSort(next);
    writeSort(next);
  };

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
          <input
            id="people-q"
            type="search"
            value={q}
            disabled={sort === 'score'}
            aria-describedby={sort === 'score' ? 'people-q-help' : undefined}
            onInput={(event) => setQ(event.currentTarget.value)}
          />
          {sort === 'score' && (
            <p id="people-q-help" class="help">
              Search works with “Last seen” order.
            </p>
          )}
        </div>
        <div class="field">
          <label for="people-sort">Sort by</label>
          <select id="people-sort" value={sort} onChange={(event) => changeSort(event.currentTarget.value as Sort)}>
            <option value="recent">Last seen</option>
            <option value="score">Engagement score</option>
          </select>
        </div>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {sort === 'score' ? <ScoredPeople site={site} scored={scored} /> : <RecentPeople site={site} people={people} query={query} />}
    </section>
  );
}

function RecentPeople({ site, people, query }: { site: string; people: Person[] | null; query: string }) {
  if (people === null) return <p class="empty">Loading people…</p>;
  if (people.length === 0) {
    return <p class="empty">{query ? 'Nobody matches that search.' : 'No people yet. Visitors appear after their first event.'}</p>;
  }
  return (
    <ul class="cards people" aria-label="People">
      {people.map((person) => {
        const id = personId(person);
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
  );
}

function ScoredPeople({ site, scored }: { site: string; scored: PeopleByScore | null }) {
  if (scored === null) return <p class="empty">Scoring people…</p>;
  return (
    <>
      <ul class="summary-cards tier-counts" aria-label="People per tier">
        {scored.tiers.map((tier) => (
          <li key={tier.name} class="stat">
            <span class="stat-label">{tier.name}</span>
            <span class="stat-value">{tier.count}</span>
            <span class="stat-note">score {tier.min} and up</span>
          </li>
        ))}
        <li class="stat">
          <span class="stat-label">Everyone</span>
          <span class="stat-value">{scored.total}</span>
          <span class="stat-note">
            <Link href={routeHref({ view: 'engagement', param: null, site })}>How the score works</Link>
          </span>
        </li>
      </ul>
      {scored.people.length === 0 ? (
        <p class="empty">No people yet. Visitors appear after their first event.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table people-table">
            <caption class="visually-hidden">People by engagement score, highest first</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Score</th>
                <th scope="col">Tier</th>
                <th scope="col">Events</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {scored.people.map((person) => {
                const id = personId(person);
                return (
                  <tr key={person.id}>
                    <th scope="row" data-label="Person">
                      <Link href={routeHref({ view: 'person', param: id, site })} class="row-title">
                        {personName(person)}
                      </Link>
                    </th>
                    <td data-label="Score">
                      <meter min={0} max={100} value={person.score} aria-hidden="true" class="score-meter" />
                      <span class="score">{person.score}</span>
                    </td>
                    <td data-label="Tier">{person.tier || '–'}</td>
                    <td data-label="Events">{person.eventCount}</td>
                    <td data-label="Last seen">
                      <time dateTime={person.lastSeen}>{formatTime(person.lastSeen)}</time>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
