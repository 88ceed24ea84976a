import type { Api } from '../api';
import { npsBreakdown, starCounts } from '../feedback-summary';
import { formatTime, shortId } from '../format';
import { routeHref } from '../route';
import type { Feedback } from '../types';
import { useLoaded } from '../use-loaded';
import { Link } from './Link';
import { LoadError } from './LoadError';
import { SafeLink } from './SafeLink';
import { Stars } from './Stars';

/** Props of {@link FeedbackView}. */
export interface FeedbackViewProps {
  api: Api;
  site: string;
}

function npsClass(rating: number): string {
  return rating >= 9 ? 'promoter' : rating >= 7 ? 'passive' : 'detractor';
}

function Rating({ item }: { item: Feedback }) {
  if (item.scale === 'nps') {
    return (
      <span class={`nps nps-${npsClass(item.rating)}`} title="Likelihood to recommend, 0–10">
        {item.rating}
        <span class="visually-hidden"> out of 10</span>
      </span>
    );
  }
  return <Stars value={item.rating} />;
}

function pageLabel(page: Feedback['page']): { url: string; label: string } | null {
  if (!page?.url) return null;
  let label = page.title || page.url;
  if (!page.title) {
    try {
      const url = new URL(page.url);
      label = url.pathname + url.search;
    } catch {
      // Not a URL: show it as it came.
    }
  }
  return { url: page.url, label };
}

/** Feedback from the widget's form: the NPS score or average stars with a breakdown, then each answer, newest first. */
export function FeedbackView({ api, site }: FeedbackViewProps) {
  const { data, error, reload } = useLoaded(() => api.listFeedback(site, 200), [api, site]);

  const feedback = data?.feedback ?? [];
  const summary = data?.summary;
  const nps = npsBreakdown(feedback);
  const stars = starCounts(feedback);
  const starTotal = stars.reduce((a, b) => a + b, 0);
  const npsTotal = nps.promoters + nps.passives + nps.detractors;

  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Feedback
        </h1>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </header>
      <LoadError error={error} />
      {!data ? (
        !error && <p class="empty">Loading…</p>
      ) : summary!.count === 0 && feedback.length === 0 ? (
        <div class="empty">
          <p>No feedback yet. Answers from the widget's feedback form appear here.</p>
          <p class="muted small">
            Try it: the demo <a href="/support.html">support page</a> has a “Give feedback” button. Pick NPS or stars in the{' '}
            <Link href={routeHref({ view: 'site', param: site, site })}>site settings</Link>.
          </p>
        </div>
      ) : (
        <>
          <div class="summary-cards">
            {summary!.nps !== null && (
              <div class="stat" aria-label="Net Promoter Score">
                <span class="stat-label">NPS</span>
                <span class="stat-value">{summary!.nps > 0 ? `+${Math.round(summary!.nps)}` : Math.round(summary!.nps)}</span>
                {npsTotal > 0 && (
                  <span class="stat-note">
                    {nps.promoters} promoters · {nps.passives} passives · {nps.detractors} detractors
                    {npsTotal < summary!.count ? ' (latest answers)' : ''}
                  </span>
                )}
              </div>
            )}
            {summary!.averageStars !== null && (
              <div class="stat" aria-label="Average rating">
                <span class="stat-label">Average</span>
                <span class="stat-value">
                  {summary!.averageStars.toFixed(1)} <Stars value={summary!.averageStars} />
                </span>
                {starTotal > 0 && (
                  <span class="stat-note">
                    {stars
                      .map((n, i) => `${i + 1}★ ${n}`)
                      .reverse()
                      .join(' · ')}
                  </span>
                )}
              </div>
            )}
            <div class="stat">
              <span class="stat-label">Answers</span>
              <span class="stat-value">{summary!.count}</span>
            </div>
          </div>
          <ol class="feedback-list" aria-label="Feedback, newest first">
            {feedback.map((item) => {
              const page = pageLabel(item.page);
              return (
                <li key={item.id} class="feedback">
                  <div class="feedback-main">
                    <Rating item={item} />
                    <time class="event-time" dateTime={item.createdAt}>
                      {formatTime(item.createdAt)}
                    </time>
                  </div>
                  {item.comment ? <p class="feedback-comment">{item.comment}</p> : <p class="feedback-comment muted">No comment.</p>}
                  <p class="event-meta">
                    {page && (
                      <span class="event-path">
                        <SafeLink url={page.url} label={page.label} />
                      </span>
                    )}
                    {(item.userId || item.anonymousId) && (
                      <Link
                        href={routeHref({ view: 'person', param: (item.userId || item.anonymousId)!, site })}
                        title={(item.userId || item.anonymousId)!}
                      >
                        {item.userId || `anon ${shortId(item.anonymousId!)}`}
                      </Link>
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
