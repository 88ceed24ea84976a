import type { ConsentState } from '../types';

/** True when the browser sends Global Privacy Control or Do Not Track. */
export const hasPrivacySignal = (nav: Navigator & { globalPrivacyControl?: boolean } = navigator): boolean =>
  nav.globalPrivacyControl === true || nav.doNotTrack == '1';

/**
 * The consent state the SDK starts in. A privacy signal means `denied`, unless the owner both turned
 * `honorGpc` off and asks for explicit consent (`pending`): then the visitor decides like everyone else.
 */
export const initialConsent = (configured: ConsentState, honorGpc: boolean, signal: boolean): ConsentState =>
  signal && (honorGpc || configured != 'pending') ? 'denied' : configured;

/**
 * Whether a later `consent(state)` call may change the state. Under an honoured privacy signal the visitor's
 * browser has already said no, and a site calling `consent('granted')` cannot override it.
 */
export const mayChangeConsent = (locked: boolean, next: ConsentState): boolean => !locked || next == 'denied';
