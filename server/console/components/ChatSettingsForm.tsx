import { useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { businessHoursProblem, defaultBusinessHours } from '../business-hours';
import type { BusinessHours, ChatSettingsInput, FeedbackScale, SiteDetail } from '../types';
import { BusinessHoursEditor } from './BusinessHoursEditor';

/** Props of {@link ChatSettingsForm}. */
export interface ChatSettingsFormProps {
  api: Api;
  site: SiteDetail;
  onSaved(site: SiteDetail): void;
}

/** Longest reply time an operator can promise, in minutes (a week). */
export const MAX_REPLY_MINUTES = 10_080;

function timeZones(): string[] {
  try {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/**
 * The site's chat and feedback settings: chat on or off, business hours (or always open), whether visitors must be
 * verified, the reply time the widget promises, and the feedback scale. Checks the input before saving.
 */
export function ChatSettingsForm({ api, site, onSaved }: ChatSettingsFormProps) {
  const chat = site.chat;
  const [enabled, setEnabled] = useState(chat?.enabled ?? true);
  const [hours, setHours] = useState<BusinessHours | null>(chat?.businessHours ?? null);
  // Remembered while "always open" is picked, so switching back does not lose what was typed.
  const [draftHours, setDraftHours] = useState<BusinessHours>(chat?.businessHours ?? defaultBusinessHours(site.timezone || 'UTC'));
  const [requireVerification, setRequireVerification] = useState(chat?.requireVerification ?? false);
  const [replyTime, setReplyTime] = useState(String(chat?.replyTimeMinutes ?? 5));
  const [scale, setScale] = useState<FeedbackScale>(site.feedback?.scale === 'nps' ? 'nps' : 'stars');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZones, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const minutes = Number(replyTime);
    if (replyTime.trim() === '' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_REPLY_MINUTES) {
      setError(`Reply time is a whole number of minutes from 1 to ${MAX_REPLY_MINUTES} (a week).`);
      return;
    }
    const problem = hours ? businessHoursProblem(hours) : null;
    if (problem) {
      setError(problem);
      return;
    }
    const input: ChatSettingsInput = {
      chat: { enabled, businessHours: hours, requireVerification, replyTimeMinutes: minutes },
      feedback: { scale },
    };
    setBusy(true);
    setError(null);
    try {
      const result = await api.updateChatSettings(site.id, input);
      setSaved(true);
      onSaved(result);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="panel form chat-settings" onSubmit={submit} noValidate aria-labelledby="chat-settings-title">
      <h2 id="chat-settings-title">Chat and feedback</h2>
      <label class="check">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
        Chat enabled
      </label>
      <p class="help">When off, the widget offers only the feedback form.</p>

      <fieldset class="choice">
        <legend>Operators answer</legend>
        <label class="check">
          <input
            type="radio"
            name="availability"
            checked={hours === null}
            onChange={() => {
              if (hours) setDraftHours(hours);
              setHours(null);
            }}
          />
          Any time
        </label>
        <label class="check">
          <input type="radio" name="availability" checked={hours !== null} onChange={() => setHours(hours ?? draftHours)} />
          During business hours
        </label>
      </fieldset>
      {hours && <BusinessHoursEditor value={hours} onChange={setHours} zones={zones} />}
      <p class="help">Outside business hours the widget says when a reply can be expected and asks for an email address.</p>

      <label for="reply-minutes">Reply time (minutes)</label>
      <input
        id="reply-minutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_REPLY_MINUTES}
        step={1}
        value={replyTime}
        aria-describedby="reply-minutes-help"
        onInput={(event) => setReplyTime(event.currentTarget.value)}
      />
      <p id="reply-minutes-help" class="help">
        The widget tells visitors you usually reply within this time.
      </p>

      <label class="check">
        <input
          type="checkbox"
          checked={requireVerification}
          onChange={(event) => setRequireVerification(event.currentTarget.checked)}
        />
        Require identity verification
      </label>
      <p class="help">Only signed-in visitors with a token from your server (see below) can chat.</p>

      <label for="feedback-scale">Feedback scale</label>
      <select id="feedback-scale" value={scale} onChange={(event) => setScale(event.currentTarget.value as FeedbackScale)}>
        <option value="stars">Stars (1–5)</option>
        <option value="nps">NPS: how likely to recommend (0–10)</option>
      </select>

      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="button-row">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save chat settings'}
        </button>
        <span role="status" class="ok">
          {saved ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
