import { useState } from 'preact/hooks';
import type { Strings } from '../strings';
import { fill } from '../strings';

/** Props of {@link RatingForm}. */
export interface RatingFormProps {
  /** nps: 0–10 as numbers; stars: 1–5 as stars. */
  scale: 'nps' | 'stars';
  question: string;
  t: Strings;
  /** Resolves true when stored. */
  onSubmit(rating: number, comment: string): Promise<boolean>;
}

/**
 * A rating (an accessible radio group: native radios in a fieldset, so arrow keys move between them) with an
 * optional comment, then a thank-you. Used for feedback and for rating a finished conversation.
 */
export function RatingForm({ scale, question, t, onSubmit }: RatingFormProps) {
  const [rating, setRating] = useState(-1);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'' | 'busy' | 'done' | 'pick' | 'error'>('');
  const stars = scale == 'stars';
  if (state == 'done') return <p class="ok" role="status">{t.thanks}</p>;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (state == 'busy') return;
        if (rating < 0) return setState('pick');
        setState('busy');
        setState((await onSubmit(rating, comment.trim())) ? 'done' : 'error');
      }}
    >
      <fieldset>
        <legend>{question}</legend>
        <div class="ro">
          {(stars ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).map((n) => (
            <label key={n} class={'sc' + (stars ? ' st' : '') + ((stars ? n <= rating : n == rating) ? ' on' : '')}>
              <input
                class="sr"
                type="radio"
                name="rating"
                value={n}
                checked={n == rating}
                onChange={() => {
                  setRating(n);
                  setState('');
                }}
              />
              <span aria-hidden="true">{stars ? '★' : n}</span>
              <span class="sr">{stars ? fill(t.star, { n }) : n}</span>
            </label>
          ))}
        </div>
        {stars ? null : (
          <p class="ends">
            <span>{t.npsLow}</span>
            <span>{t.npsHigh}</span>
          </p>
        )}
      </fieldset>
      <textarea aria-label={t.comment} placeholder={t.comment} rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      {state == 'pick' || state == 'error' ? (
        <p class="er" role="alert">
          {state == 'pick' ? t.pick : t.error}
        </p>
      ) : null}
      <button class="b" disabled={state == 'busy'}>
        {t.submit}
      </button>
    </form>
  );
}
