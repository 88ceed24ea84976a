/** npm entry: `import { createKizuna } from 'kizuna'`. Re-exports only. */
export { createKizuna } from './core/create-kizuna';
export type {
  ConsentState,
  DropReason,
  IdentifyOptions,
  KizunaCampaigns,
  KizunaChat,
  IdentifyMessage,
  Kizuna,
  KizunaEvents,
  KizunaOptions,
  Message,
  MessageContext,
  PageContext,
  PageMessage,
  Properties,
  TrackMessage,
} from './types';
