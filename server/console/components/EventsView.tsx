import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { eventNames, matchesFilter } from '../format';
import type { EventFilter } from '../types';
import { useDebounced } from '../use-debounced';
import { useLiveEvents, type StreamStatus } from '../use-live-events';
import { EventRow } from './EventRow';

/** Props of {@link EventsView}. */
export interface EventsViewProps {
  api: Api;
  site: string;
  /** Milliseconds to wait after typing before filtering by name (0 in tests). */
  debounceMs?: number;
}

const STATUS_TEXT: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Disconnected',
};

/** Live events of one site, newest first, with type/name filters, pause and "load older". */
export function EventsView({ api, site, debounceMs = 300 }: EventsViewProps) {
  const [type, setType] = useState('');
  const [name, setName] = useState('');
  const settledName = useDebounced(name, debounceMs);
  const filter = useMemo<EventFilter>(() => ({ type, name: settledName.trim() }), [type, settledName]);
  const live = useLiveEvents(api, site, filter);
  // Narrow what is already on screen at once, before the server answers the new query.
  const shown = useMemo(() => live.events.filter((event) => matchesFilter(event, { type, name })), [live.events, type, name]);
  // The server matches names exactly, so suggest the names already seen.
  const suggestions = useMemo(() => eventNames(live.events).slice(0, 200), [live.events]);

  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Events
        </h1>
        <p class={`stream-status status-${live.paused ? 'paused' : live.status}`} role="status">
          <span class="dot" aria-hidden="true" />
          {live.paused ? 'Paused' : STATUS_TEXT[live.status]}
        </p>
        {live.status === 'offline' && (
          <button type="button" onClick={live.reconnect}>
            Reconnect
          </button>
        )}
      </header>
      <form class="toolbar" role="search" aria-label="Filter events" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="event-type">Type</label>
          <select id="event-type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
            <option value="">All types</option>
            <option value="page">Page views</option>
            <option value="track">Track</option>
            <option value="identify">Identify</option>
          </select>
        </div>
        <div class="field grow">
          <label for="event-name">Event or page name</label>
          <input
            id="event-name"
            type="search"
            list="event-names"
            autocomplete="off"
            placeholder="e.g. Signup Clicked"
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <datalist id="event-names">
            {suggestions.map((suggestion) => (
              <option key={suggestion} value={suggestion} />
            ))}
          </datalist>
        </div>
        <div class="field actions">
          <button type="button" aria-pressed={live.paused} onClick={() => live.setPaused(!live.paused)}>
            {live.paused ? (live.pending ? `Resume (${live.pending} new)` : 'Resume') : 'Pause'}
          </button>
        </div>
      </form>
      {live.error && (
        <p class="error" role="alert">
          {live.error}
        </p>
      )}
      {shown.length === 0 ? (
        <div class="empty">
          {live.loading ? (
            <p>Loading events…</p>
          ) : type || name ? (
            <p>No events match these filters.</p>
          ) : (
            <>
              <p>No events yet. They appear here the moment they arrive.</p>
              <p class="muted">
                Paste the tag from <strong>Sites</strong> into a page, or open the demo site at <a href="/">/</a>.
              </p>
            </>
          )}
        </div>
      ) : (
        <ol class="events" aria-label="Events, newest first">
          {shown.map((event) => (
            <EventRow key={event.id ?? event.messageId} event={event} site={site} />
          ))}
        </ol>
      )}
      <div class="list-footer">
        {live.hasOlder && (
          <button type="button" onClick={live.loadOlder} disabled={live.loadingOlder}>
            {live.loadingOlder ? 'Loading…' : 'Load older'}
          </button>
        )}
        {live.trimmed && (
          <p class="muted">Showing the newest {live.events.length} events. Reload the page to browse further back.</p>
        )}
      </div>
    </section>
  );
}
