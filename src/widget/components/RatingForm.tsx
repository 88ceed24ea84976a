import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Strings } from '../strings';
import { fill } from '../strings';

/** Props of {@link RatingForm}. */
export interface RatingFormProps {
  /** nps: 0–10 as numbers; stars: 1–5 as stars; choice: one of `choices` (answer: its index); text: free text. */
  scale: 'nps' | 'stars' | 'choice' | 'text';
  /** The legend; leave it out and pass `by` when a heading outside the form asks the question. */
  question?: ComponentChildren;
  /** A campaign survey: the id of the element that asks the question; no comment box. */
  by?: string;
  /** Answers of the `choice` scale. */
  choices?: string[];
  /** Labels under the scale's ends (NPS defaults to "not likely" and "very likely"). */
  ends?: string[];
  t: Strings;
  /** The answer (a number, a choice's index, or the trimmed text); resolves true when stored. */
  onSubmit(answer: number | string, comment: string): Promise<boolean> | boolean;
}

/**
 * A rating (an accessible radio group: native radios in a fieldset, so arrow keys move between them), a choice or a
 * free-text answer, with an optional comment, then a thank-you. Used for feedback, for rating a finished
 * conversation and for campaign surveys.
 */
export function RatingForm({ scale, question, by, choices, ends, t, onSubmit }: RatingFormProps) {
  const [rating, setRating] = useState(-1);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'' | 'busy' | 'done' | 'pick' | 'error'>('');
  const stars = scale == 'stars';
  const text = scale == 'text';
  const campaign = by != null;
  if (state == 'done') return <p class="ok" role="status">{t.thanks}</p>;
  const radio = (n: number, label: ComponentChildren, on: boolean, cls: string) => (
    <label key={n} class={cls + (on ? ' on' : '')}>
      <input
        class={scale == 'choice' ? undefined : 'sr'}
        type="radio"
        name="rating"
        value={n}
        checked={n == rating}
        onChange={() => {
          setRating(n);
          setState('');
        }}
      />
      {label}
    </label>
  );
  ends ||= scale == 'nps' ? [t.npsLow, t.npsHigh] : undefined;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (state == 'busy') return;
        if (text ? !comment.trim() : rating < 0) return setState('pick');
        setState('busy');
        setState((await onSubmit(text ? comment.trim() : rating, comment.trim())) ? 'done' : 'error');
      }}
    >
      <fieldset aria-labelledby={by}>
        {campaign ? null : <legend>{question}</legend>}
        {text ? (
          <textarea aria-labelledby={by} rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        ) : scale == 'choice' ? (
          <div class="ch">{choices!.map((c, i) => radio(i, c, false, 'co'))}</div>
        ) : (
          <div class="ro">
            {(stars ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).map((n) =>
              radio(
                n,
                <>
                  <span aria-hidden="true">{stars ? '★' : n}</span>
                  <span class="sr">{stars ? fill(t.star, { n }) : n}</span>
                </>,
                stars ? n <= rating : n == rating,
                'sc' + (stars ? ' st' : ''),
              ),
            )}
          </div>
        )}
        {ends ? (
          <p class="ends">
            <span>{ends[0]}</span>
            <span>{ends[1]}</span>
          </p>
        ) : null}
      </fieldset>
      {campaign ? null : (
        <textarea aria-label={t.comment} placeholder={t.comment} rows={3} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      )}
      {state == 'pick' || state == 'error' ? (
        <p class="er" role="alert">
          {state == 'error' ? t.error : text ? t.writeOne : scale == 'choice' ? t.pickOne : t.pick}
        </p>
      ) : null}
      <button class="b" disabled={state == 'busy'}>
        {t.submit}
      </button>
    </form>
  );
}
