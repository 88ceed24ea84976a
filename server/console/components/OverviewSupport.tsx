import type { Conversations, FeedbackOverview, OverviewRange } from '../../overview/overview-types';
import { formatDuration, formatTime } from '../format';
import { count } from '../overview-format';
import { OverviewTable } from './OverviewTable';

/** Conversations (count, first response, resolution, CSAT) and feedback (NPS, stars, the newest comments). */
export function OverviewSupport({ conversations, feedback, range }: { conversations: Conversations; feedback: FeedbackOverview; range: OverviewRange }) {
  const { from, to } = range;
  const nps = feedback.nps.score;
  return (
    <section class="ov-section" aria-labelledby="ov-support">
      <h2 id="ov-support">Conversations and feedback</h2>
      <div class="summary-cards">
        <div class="stat">
          <span class="stat-label">Conversations</span>
          <span class="stat-value">{count(conversations.count)}</span>
          <span class="stat-note">started in this range</span>
        </div>
        <div class="stat">
          <span class="stat-label">First response</span>
          <span class="stat-value">{formatDuration(conversations.firstResponse.p50)}</span>
          <span class="stat-note">median · p90 {formatDuration(conversations.firstResponse.p90)}</span>
        </div>
        <div class="stat">
          <span class="stat-label">Resolution</span>
          <span class="stat-value">{formatDuration(conversations.resolution.p50)}</span>
          <span class="stat-note">
            median · p90 {formatDuration(conversations.resolution.p90)} · {count(conversations.resolution.count)} closed
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">CSAT</span>
          <span class="stat-value">{conversations.csat.satisfied === null ? '—' : `${conversations.csat.satisfied} %`}</span>
          <span class="stat-note">
            {conversations.csat.average === null ? 'no ratings yet' : `${conversations.csat.average.toFixed(2)} / 5 from ${count(conversations.csat.responses)} ratings`}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">NPS</span>
          <span class="stat-value">{nps === null ? '—' : nps > 0 ? `+${nps}` : String(nps)}</span>
          <span class="stat-note">
            {feedback.nps.responses
              ? `${count(feedback.nps.promoters)} promoters · ${count(feedback.nps.passives)} passives · ${count(feedback.nps.detractors)} detractors`
              : 'no NPS answers'}
          </span>
        </div>
        <div class="stat">
          <span class="stat-label">Stars</span>
          <span class="stat-value">{feedback.stars.average === null ? '—' : feedback.stars.average.toFixed(1)}</span>
          <span class="stat-note">{count(feedback.stars.responses)} answers</span>
        </div>
      </div>
      <div class="ov-tables">
        <OverviewTable
          title="Recent feedback"
          from={from}
          to={to}
          rows={feedback.recent}
          empty="No comments in this range."
          columns={[
            { header: 'When', value: (r) => r.createdAt, show: (r) => formatTime(r.createdAt), nowrap: true },
            { header: 'Scale', value: (r) => r.scale, show: (r) => (r.scale === 'nps' ? 'NPS' : 'Stars') },
            { header: 'Rating', value: (r) => r.rating, numeric: true },
            { header: 'Comment', value: (r) => r.comment, show: (r) => <span class="ov-comment">{r.comment}</span> },
            { header: 'Page', value: (r) => r.page },
          ]}
        />
      </div>
    </section>
  );
}
