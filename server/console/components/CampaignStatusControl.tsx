import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../api-error';
import type { CampaignStatus } from '../../../src/shared/campaign-schema';

/** The statuses an operator can set, in words. */
export const STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  live: 'Live',
  paused: 'Paused',
  archived: 'Archived',
};

/** Props of {@link CampaignStatusControl}. */
export interface CampaignStatusControlProps {
  /** The campaign's id, for unique control ids. */
  id: string;
  /** The campaign's name, for the control's accessible label. */
  name: string;
  status: CampaignStatus;
  /** Saves the new status (PATCH); a rejection's message is shown beside the control. */
  onChange(status: CampaignStatus): Promise<void>;
}

/**
 * A status picker with an explicit "Set" button, so moving through the options with the keyboard never sets a campaign
 * live by accident.
 */
export function CampaignStatusControl({ id, name, status, onChange }: CampaignStatusControlProps) {
  const [choice, setChoice] = useState<CampaignStatus>(status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChoice(status), [status]);
  const selectId = `status-${id}`;

  const apply = async (event: Event) => {
    event.preventDefault();
    if (choice === status) return;
    setBusy(true);
    setError(null);
    try {
      await onChange(choice);
    } catch (err) {
      setError(errorMessage(err));
      setChoice(status);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="status-control" onSubmit={apply}>
      <label for={selectId} class="visually-hidden">
        Status of {name}
      </label>
      <select id={selectId} value={choice} onChange={(e) => setChoice(e.currentTarget.value as CampaignStatus)}>
        {(Object.keys(STATUS_LABELS) as CampaignStatus[]).map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" class="small-button" disabled={busy || choice === status} aria-label={`Set status of ${name}`}>
        {busy ? 'Setting…' : 'Set'}
      </button>
      {error && (
        <p class="field-errors" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
