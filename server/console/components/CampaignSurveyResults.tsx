import type { SurveyResult } from '../campaign-types';
import { formatRate } from '../campaign-format';

/** Answers as labelled bars: each row says its answer, count and share in text, and the bar is a <meter>. */
function Distribution({ rows, caption, label }: { rows: SurveyResult['distribution']; caption: string; label?: (answer: string) => string }) {
  return (
    <figure class="distribution">
      <figcaption>{caption}</figcaption>
      <ol class="bars">
        {rows.map((row, i) => {
          const id = `answer-${i}`;
          const name = label ? label(row.answer) : row.answer;
          return (
            <li key={`${row.answer}-${i}`} class="bar-row">
              <span id={id} class="bar-label">
                {name}
              </span>
              <meter min={0} max={1} value={row.share} aria-labelledby={id} aria-describedby={`${id}-value`} />
              <span id={`${id}-value`} class="bar-value">
                {row.count} · {formatRate(row.share)}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/** Survey results: NPS with promoters, passives and detractors, CSAT, the answer distribution, or free-text answers. */
export function CampaignSurveyResults({ survey }: { survey: SurveyResult }) {
  const none = survey.responses === 0;
  return (
    <section class="panel" aria-labelledby="survey-title">
      <h2 id="survey-title">Survey answers</h2>
      <p class="muted small">Each visitor’s latest answer counts once.</p>
      {none && <p class="empty">No answers yet.</p>}
      {!none && survey.survey === 'nps' && survey.nps && (
        <div class="summary-cards">
          <div class="stat">
            <span class="stat-label">NPS</span>
            <span class="stat-value">{survey.nps.score ?? '–'}</span>
            <span class="stat-note">from −100 to 100, {survey.nps.responses} answers</span>
          </div>
          <div class="stat">
            <span class="stat-label">Promoters (9–10)</span>
            <span class="stat-value nps-promoter">{survey.nps.promoters}</span>
          </div>
          <div class="stat">
            <span class="stat-label">Passives (7–8)</span>
            <span class="stat-value">{survey.nps.passives}</span>
          </div>
          <div class="stat">
            <span class="stat-label">Detractors (0–6)</span>
            <span class="stat-value nps-detractor">{survey.nps.detractors}</span>
          </div>
        </div>
      )}
      {!none && survey.survey === 'csat' && (
        <div class="summary-cards">
          <div class="stat">
            <span class="stat-label">CSAT</span>
            <span class="stat-value">{survey.csat === null || survey.csat === undefined ? '–' : `${survey.csat} %`}</span>
            <span class="stat-note">satisfied (4 or 5), {survey.responses} answers</span>
          </div>
        </div>
      )}
      {!none && survey.survey === 'free-text' && (
        <>
          <p>
            {survey.responses} {survey.responses === 1 ? 'answer' : 'answers'}, most frequent first:
          </p>
          <ul class="free-answers">
            {survey.distribution.map((row, i) => (
              <li key={i}>
                <span class="free-answer">{row.answer}</span>
                {row.count > 1 && <span class="muted small"> × {row.count}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {!none && survey.survey !== 'free-text' && (
        <Distribution
          rows={survey.distribution}
          caption={`Answers (${survey.responses})`}
          label={survey.survey === 'nps' || survey.survey === 'csat' ? (a) => `${a}` : undefined}
        />
      )}
    </section>
  );
}
