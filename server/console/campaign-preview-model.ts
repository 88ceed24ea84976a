import { compileCampaign } from '../../src/shared/compile-campaign';
import type { CompiledCampaign } from '../../src/shared/compiled-campaign';
import { validateCampaign, type CampaignError } from '../../src/shared/validate-campaign';
import type { Draft } from './campaign-draft';

/** What the preview can show: the message compiled as the SDK receives it, or why not yet. */
export type PreviewModel = { ok: true; compiled: CompiledCampaign } | { ok: false; errors: CampaignError[] };

/**
 * The message part of a draft (kind, content, default locale, variants) compiled for the preview. Only that part has
 * to be valid, so the preview keeps up while other fields (an empty id, an unfinished trigger) are still wrong.
 */
export function previewModel(draft: Draft): PreviewModel {
  const probe: Draft = {
    id: 'preview',
    version: 1,
    status: 'draft',
    priority: 0,
    kind: draft.kind,
    defaultLocale: draft.defaultLocale,
    content: draft.content,
    trigger: { pageView: {} },
  };
  const experiment = draft.experiment as { variants?: unknown } | undefined;
  // Variants (with their own content) matter for the preview; the split does not, so a placeholder holdout keeps it valid.
  if (experiment && Array.isArray(experiment.variants) && experiment.variants.length) {
    probe.experiment = { holdout: 10, variants: experiment.variants };
  }
  const result = validateCampaign(probe);
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, compiled: compileCampaign(result.campaign) };
}
