import { useState } from 'preact/hooks';
import { errorMessage } from '../api-error';
import type { CampaignApi } from '../campaign-api';
import type { CampaignVersionInfo } from '../campaign-types';
import { formatTime } from '../format';

/** Props of {@link CampaignHistory}. */
export interface CampaignHistoryProps {
  campaigns: CampaignApi;
  site: string;
  id: string;
  /** Versions as GET …/campaigns/:id lists them, newest first. */
  versions: CampaignVersionInfo[];
}

/** Every saved version, newest first; each can be opened to read the campaign as it was saved. */
export function CampaignHistory({ campaigns, site, id, versions }: CampaignHistoryProps) {
  const [full, setFull] = useState<CampaignVersionInfo[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = async (version: number) => {
    if (open === version) return setOpen(null);
    setError(null);
    if (!full) {
      try {
        setFull(await campaigns.versions(site, id));
      } catch (err) {
        setError(errorMessage(err));
        return;
      }
    }
    setOpen(version);
  };

  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">Version history</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <ol class="history" reversed>
        {versions.map((v) => {
          const campaign = full?.find((f) => f.version === v.version)?.campaign;
          return (
            <li key={v.version}>
              <div class="history-row">
                <span>
                  <strong>Version {v.version}</strong> · saved <time dateTime={v.createdAt}>{formatTime(v.createdAt)}</time>
                </span>
                <button type="button" class="small-button" aria-expanded={open === v.version} onClick={() => void show(v.version)}>
                  {open === v.version ? 'Hide' : 'Show'} version {v.version}
                </button>
              </div>
              {open === v.version && campaign && <pre class="code history-json">{JSON.stringify(campaign, null, 2)}</pre>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
