import type { Draft } from './campaign-draft';

/**
 * What "New campaign" starts from: a draft modal in English shown on a page view, with a dismiss button. It lacks only
 * an id and a title or body, so the first problems an operator sees are the ones they have to decide.
 */
export function newCampaign(): Draft {
  return {
    id: '',
    version: 1,
    status: 'draft',
    priority: 0,
    kind: { type: 'modal' },
    defaultLocale: 'en',
    content: { en: { buttons: [{ label: 'OK', action: 'dismiss' }] } },
    trigger: { pageView: {} },
  };
}
