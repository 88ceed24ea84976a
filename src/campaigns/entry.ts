/** Entry of kizuna-campaigns.js: hands the campaign engine to the core that loaded this file. */
import { createCampaigns } from './create-campaigns';

(window as unknown as { __kizunaCampaigns?: (c: typeof createCampaigns) => void }).__kizunaCampaigns?.(createCampaigns);
