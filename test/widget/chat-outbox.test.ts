import { afterEach, describe, expect, it } from 'vitest';
import { createChatOutbox, type Queued } from '../../src/widget/chat-outbox';

const item = (text: string): Queued => ({
  clientId: 'c-' + text,
  text,
  anonymousId: 'a',
  page: { url: 'https://site.test/', title: 'Site' },
  createdAt: new Date().toISOString(),
});

afterEach(() => localStorage.clear());

describe('chat offline queue', () => {
  it('keeps everything when sending fails, and survives a reload', async () => {
    const q = createChatOutbox('k1');
    q.add(item('one'));
    q.add(item('two'));
    await q.flush(async () => {
      throw new Error('network');
    });
    await q.flush(async () => false);
    expect(createChatOutbox('k1').all().map((x) => x.text)).toEqual(['one', 'two']);
  });

  it('sends each message once, in order, even when flushes overlap', async () => {
    const q = createChatOutbox('k2');
    q.add(item('one'));
    q.add(item('two'));
    const sent: string[] = [];
    const send = async (x: Queued) => {
      await new Promise((r) => setTimeout(r, 5));
      sent.push(x.text);
      return true;
    };
    const runs = [q.flush(send), q.flush(send), q.flush(send)];
    // Added while the run is going: it goes out in the same run, not at the next trigger.
    q.add(item('three'));
    await Promise.all(runs);
    await q.flush(send);
    expect(sent).toEqual(['one', 'two', 'three']);
    expect(q.all()).toEqual([]);
  });

  it('stops at the first message that must wait and keeps it and the rest', async () => {
    const q = createChatOutbox('k3');
    ['one', 'two', 'three'].forEach((t) => q.add(item(t)));
    await q.flush(async (x) => x.text == 'one');
    expect(q.all().map((x) => x.text)).toEqual(['two', 'three']);
  });

  it('still sends after a run that found nothing to send', async () => {
    const q = createChatOutbox('k4');
    const sent: string[] = [];
    const send = async (x: Queued) => (sent.push(x.text), true);
    await q.flush(send);
    q.add(item('later'));
    await q.flush(send);
    expect(sent).toEqual(['later']);
  });
});
