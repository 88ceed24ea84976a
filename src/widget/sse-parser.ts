/** One server-sent event: its type (default "message"), its data, and the last event id seen so far. */
export interface SseEvent {
  type: string;
  data: string;
  id: string;
}

/**
 * An incremental text/event-stream parser (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation):
 * feed it decoded chunks as they arrive, split anywhere, and it calls `onEvent` once per complete event.
 * Comments (`: ping`) are skipped; `id` persists across events as the spec says, so a reconnect can send it as
 * Last-Event-ID.
 */
export const createSseParser = (onEvent: (e: SseEvent) => void): ((chunk: string) => void) => {
  let buf = '';
  let data = '';
  let type = '';
  let id = '';
  let first = true;
  return (chunk) => {
    buf += chunk;
    if (first && buf) {
      first = false;
      if (buf[0] == '\ufeff') buf = buf.slice(1);
    }
    for (;;) {
      const i = buf.search(/[\r\n]/);
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next one.
      if (i < 0 || (buf[i] == '\r' && i == buf.length - 1)) return;
      const line = buf.slice(0, i);
      buf = buf.slice(i + (buf[i] == '\r' && buf[i + 1] == '\n' ? 2 : 1));
      if (!line) {
        if (data) onEvent({ type: type || 'message', data: data.slice(0, -1), id });
        data = type = '';
        continue;
      }
      const colon = line.indexOf(':');
      if (!colon) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value[0] == ' ') value = value.slice(1);
      if (field == 'data') data += value + '\n';
      else if (field == 'event') type = value;
      else if (field == 'id' && !value.includes('\0')) id = value;
    }
  };
};
