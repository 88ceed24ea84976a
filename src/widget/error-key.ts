import type { ErrorKey } from './chat-types';

const KNOWN = ['text_too_long', 'rate_limited', 'verification_required', 'network'];

/** The error to show for a collector error code (or `network`); codes the visitor cannot act on are `error`. */
export const errorKey = (code: unknown): ErrorKey => (KNOWN.includes(code as string) ? (code as ErrorKey) : 'error');
