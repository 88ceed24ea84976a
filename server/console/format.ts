import type { Person, StoredEvent } from './types';

/** A date-time in the operator's locale, or the raw text when it is not a date. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function pagePath(event: StoredEvent): string | null {
  const page = event.context && (event.context as Record<string, unknown>).page;
  if (page && typeof page === 'object') {
    const path = (page as Record<string, unknown>).path;
    if (typeof path === 'string' && path) return path;
  }
  return null;
}

/** The headline of an event: the track name, the page name or path, or who was identified. */
export function eventLabel(event: StoredEvent): string {
  if (event.type === 'track') return text(event.event) || 'Unnamed event';
  if (event.type === 'page') return text(event.name) || pagePath(event) || 'Page view';
  if (event.type === 'identify') return text(event.userId) || 'Identify';
  return text(event.event) || text(event.name) || event.type;
}

/** The page the event happened on, if the SDK recorded one. */
export function eventPath(event: StoredEvent): string | null {
  return pagePath(event);
}

/** The person id the people API takes for an event's visitor: the user id when known. */
export function eventPersonId(event: StoredEvent): string | null {
  return text(event.userId) || text(event.anonymousId) || null;
}

/**
 * True when an event passes the console's filters, the way the server applies them to the list and the
 * stream: type exactly, and name exactly equal to the track event name or the page name.
 */
export function matchesFilter(event: StoredEvent, filter: { type: string; name: string }): boolean {
  if (filter.type && event.type !== filter.type) return false;
  const name = filter.name.trim();
  if (!name) return true;
  return event.event === name || event.name === name;
}

/** Distinct track event names and page names in a list, sorted, for filter suggestions. */
export function eventNames(events: StoredEvent[]): string[] {
  const names = new Set<string>();
  for (const event of events) {
    if (typeof event.event === 'string' && event.event) names.add(event.event);
    if (typeof event.name === 'string' && event.name) names.add(event.name);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The best human name for a person: name or email trait, user id, else "Anonymous visitor". */
export function personName(person: Person): string {
  const traits = person.traits ?? {};
  for (const key of ['name', 'email', 'username']) {
    const value = traits[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  const firstLast = [traits.firstName, traits.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  if (firstLast) return firstLast;
  return text(person.userId) || 'Anonymous visitor';
}

// Page properties the SDK copies from context.page (Segment spec); the row already shows the path.
const PAGE_ECHO = new Set(['url', 'path', 'search', 'referrer']);

/** Up to `max` scalar properties as `key: value` pairs, each value cut to 60 characters (a one-line summary). */
export function propertySummary(event: StoredEvent, max = 3): string[] {
  const properties = event.type === 'identify' ? event.traits : event.properties;
  if (!properties || typeof properties !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(properties)) {
    if (out.length >= max) break;
    if (value === null || typeof value === 'object' || value === '') continue;
    if (event.type === 'page' && PAGE_ECHO.has(key)) continue;
    // Web vitals and other measurements arrive as long floats (42.699999999).
    const text = typeof value === 'number' && !Number.isInteger(value) ? String(Math.round(value * 100) / 100) : String(value);
    out.push(`${key}: ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`);
  }
  return out;
}

/** A long id shortened for lists (the full id stays in the title attribute). */
export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** Any trait or property value as display text. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

/** The name an operator knows a chat visitor by: name trait, email (given or trait), user id, else a short anonymous id. */
export function visitorName(visitor: {
  traits?: Record<string, unknown> | null;
  email?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
  personId?: string | null;
}): string {
  const traits = visitor.traits ?? {};
  const name = traits.name;
  if (typeof name === 'string' && name.trim()) return name.trim();
  const firstLast = [traits.firstName, traits.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  if (firstLast) return firstLast;
  for (const value of [visitor.email, traits.email]) {
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  if (visitor.userId) return visitor.userId;
  const anon = visitor.anonymousId || visitor.personId;
  return anon ? `Visitor ${shortId(anon)}` : 'Anonymous visitor';
}

/** A short time for lists: the clock time today, else the date (and the year when not this year). */
export function formatShortTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() === now.toDateString()) {
    return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  }
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}

/** A duration in seconds as an operator reads it: "45 s", "1 min 40 s", "12 min", "3 h 5 min", "2 d 4 h"; "—" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  // Under ten minutes the seconds still matter to a first-response time.
  if (s < 600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
