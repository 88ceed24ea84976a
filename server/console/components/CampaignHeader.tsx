import type { CampaignStatus } from '../../../src/shared/campaign-schema';
import { routeHref } from '../route';
import { CampaignStatusControl, STATUS_LABELS } from './CampaignStatusControl';
import { Link } from './Link';

/** Props of {@link CampaignHeader}. */
export interface CampaignHeaderProps {
  site: string;
  /** The campaign's id; null while it is new (no results yet). */
  id: string | null;
  title: string;
  status: CampaignStatus | null;
  onStatus?(status: CampaignStatus): Promise<void>;
  current: 'edit' | 'results';
}

/** The heading of a campaign's pages: back to the list, its name and status, and the Edit / Results tabs. */
export function CampaignHeader({ site, id, title, status, onStatus, current }: CampaignHeaderProps) {
  return (
    <>
      <p class="back">
        <Link href={routeHref({ view: 'campaigns', param: null, site })}>← All campaigns</Link>
      </p>
      <header class="view-header campaign-header">
        <h1 id="view-title" tabIndex={-1}>
          {title}
        </h1>
        {status && <span class={`badge status-${status}`}>{STATUS_LABELS[status] ?? status}</span>}
        {id && status && onStatus && <CampaignStatusControl id={id} name={title} status={status} onChange={onStatus} />}
      </header>
      {id && (
        <nav class="tabs" aria-label="Campaign">
          <Link href={routeHref({ view: 'campaign', param: id, site })} aria-current={current === 'edit' ? 'page' : undefined}>
            Edit
          </Link>
          <Link href={routeHref({ view: 'campaign-results', param: id, site })} aria-current={current === 'results' ? 'page' : undefined}>
            Results and history
          </Link>
        </nav>
      )}
    </>
  );
}
