import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from '../../src/widget/sse-parser';

const parse = (chunks: string[]) => {
  const events: SseEvent[] = [];
  const push = createSseParser((e) => events.push(e));
  chunks.forEach(push);
  return events;
};

const STREAM =
  ': ping\n\n' +
  'event: message\nid: 41\ndata: {"conversationId":"c1",\ndata: "message":{"text":"a: b"}}\n\n' +
  ': ping\r\n\r\n' +
  'event: typing\r\nid: 42\r\ndata: {"typing":true}\r\n\r\n' +
  'data:no space\n\n' +
  'event: conversation\ndata\n\n';

const EXPECTED: SseEvent[] = [
  { type: 'message', id: '41', data: '{"conversationId":"c1",\n"message":{"text":"a: b"}}' },
  { type: 'typing', id: '42', data: '{"typing":true}' },
  // No id of its own: the last event id stays, as the spec says.
  { type: 'message', id: '42', data: 'no space' },
  { type: 'conversation', id: '42', data: '' },
];

describe('SSE parser', () => {
  it('parses events, multi-line data, comments, CRLF and ids', () => {
    // `data` with no value is an empty line of data: the event still fires with data "".
    expect(parse([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events however the stream is split into chunks', () => {
    const whole = parse([STREAM]);
    for (let i = 0; i <= STREAM.length; i++) expect(parse([STREAM.slice(0, i), STREAM.slice(i)]), `split at ${i}`).toEqual(whole);
    expect(parse([...STREAM])).toEqual(whole);
  });

  it('waits for the blank line that ends an event', () => {
    expect(parse(['event: message\ndata: x\n'])).toEqual([]);
    expect(parse(['event: message\ndata: x\n', '\n'])).toEqual([{ type: 'message', data: 'x', id: '' }]);
  });

  it('skips a leading byte order mark and ignores unknown fields and ids with NUL', () => {
    expect(parse(['\ufeffdata: a\nretry: 100\nfoo: bar\nid: x\0y\n\n'])).toEqual([{ type: 'message', data: 'a', id: '' }]);
  });
});
