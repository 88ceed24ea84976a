import { HttpError } from '../http-error.js';
import { hasUnstorableText } from '../ingest/validate-message.js';

/** Longest message, in characters (code points) after trimming. */
export const MAX_MESSAGE_CHARS = 4000;

/** Checks and trims a chat message: 400 text_empty, 413 text_too_long, 400 invalid_text (NUL, lone surrogate). */
export function checkMessageText(raw: unknown): string {
  if (typeof raw !== 'string') throw new HttpError(400, 'invalid_request', 'text must be a string');
  const text = raw.trim();
  if (text.length === 0) throw new HttpError(400, 'text_empty', 'The message is empty; write at least one character.');
  const length = [...text].length;
  if (length > MAX_MESSAGE_CHARS) {
    throw new HttpError(413, 'text_too_long', `The message is ${length} characters long; the limit is ${MAX_MESSAGE_CHARS}. Split it into several messages.`);
  }
  if (hasUnstorableText(JSON.stringify(text))) throw new HttpError(400, 'invalid_text', 'The message contains a NUL character or an unpaired surrogate.');
  return text;
}
