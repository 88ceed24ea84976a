import { useState } from 'preact/hooks';
import type { Chat } from '../create-chat';
import type { Strings } from '../strings';
import { uuid } from '../uuid';
import { RatingForm } from './RatingForm';

/** The feedback form: NPS 0–10 or 1–5 stars, as the site chose, and free text. */
export function FeedbackView({ chat, t }: { chat: Chat; t: Strings }) {
  const scale = chat.state.config?.feedbackScale == 'nps' ? 'nps' : 'stars';
  // One id per answer, so a retry after a lost response is not counted twice.
  const [clientId] = useState(uuid);
  return (
    <div class="v2">
      <RatingForm
        key={scale}
        scale={scale}
        question={scale == 'nps' ? t.npsQ : t.starsQ}
        t={t}
        onSubmit={(rating, comment) => chat.feedback(scale, rating as number, comment, clientId)}
      />
    </div>
  );
}
