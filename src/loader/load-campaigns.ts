import type { createCampaigns } from '../campaigns/create-campaigns';
import { loadChunk } from './load-chunk';

declare const __ESM__: boolean;

/**
 * Loads the campaign engine and hands it to `onLoad`: `kizuna-campaigns.js` for the script tag, `import()` in the
 * ESM build. The core asks for it only when the site has live campaigns. A blocked load means no in-app messages.
 */
export const loadCampaigns = (assets: string | undefined, nonce: string | undefined, onLoad: (create: typeof createCampaigns) => void): void =>
  __ESM__
    ? void import('../campaigns/create-campaigns').then((m) => onLoad(m.createCampaigns), () => {})
    : loadChunk('Campaigns', assets, nonce, onLoad);
