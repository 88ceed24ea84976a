import { afterEach, describe, expect, it } from 'vitest';
import { createChat } from '../../src/widget/create-chat';
import { createChatDouble, createTestHost, unplug, waitFor } from './chat-double';

afterEach(() => {
  unplug();
  localStorage.clear();
});

describe('chat model', () => {
  it('gets a visitor token on start, keeps it with the anonymousId, and sends it only in the Authorization header', async () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    await chat.start();
    expect(server.to('/v1/chat/session')[0]!.body).toMatchObject({ writeKey: host.key, anonymousId: 'anon-1' });
    expect(JSON.parse(localStorage.getItem(`kizuna:${host.key}:chat`)!)).toEqual({ token: 'token-1', anonymousId: 'anon-1' });
    await waitFor(() => expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(1));
    for (const r of server.requests.filter((r) => r.path != '/v1/chat/session' && r.path != '/v1/chat/config')) expect(r.token).toBe('Bearer token-1');
    expect(server.fetch.mock.calls.every(([url]) => !String(url).includes('token-'))).toBe(true);
  });

  it('keeps a message written offline and sends it exactly once when the browser is back online', async () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key, online: false });
    const chat = createChat(host);
    expect(chat.send('  written offline  ')).toBe(true);
    await waitFor(() => expect(chat.state.error).toBe('network'));
    expect(chat.state.messages).toMatchObject([{ text: 'written offline', pending: true }]);
    expect(JSON.parse(localStorage.getItem(`kizuna:${host.key}:chat-outbox`)!)).toHaveLength(1);

    server.online = true;
    dispatchEvent(new Event('online'));
    dispatchEvent(new Event('online'));
    await waitFor(() => expect(chat.state.messages).toMatchObject([{ text: 'written offline', id: 'm-1' }]));
    expect(chat.state.messages[0]!.pending).toBeFalsy();
    await new Promise((r) => setTimeout(r, 50));
    dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.to('/v1/chat/messages')).toHaveLength(1);
    expect(server.messages).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem(`kizuna:${host.key}:chat-outbox`)!)).toEqual([]);
    expect(chat.state.error).toBeUndefined();
  });

  it('sends what an earlier page load left unsent on the next load, once', async () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key, online: false });
    createChat(host).send('before the reload');
    await new Promise((r) => setTimeout(r, 20));
    server.online = true;
    // The reload: a fresh model over the same storage.
    const chat = createChat(host);
    chat.resume();
    await waitFor(() => expect(chat.state.messages).toMatchObject([{ text: 'before the reload', id: 'm-1' }]));
    const again = createChat(host);
    again.resume();
    await waitFor(() => expect(again.state.messages).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.to('/v1/chat/messages')).toHaveLength(1);
  });

  it('asks for a new, verified session once identify() brings an identity token (the visitor signed in)', async () => {
    const { host, visitor } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    await chat.start();
    expect(server.to('/v1/chat/session')).toHaveLength(1);
    Object.assign(visitor, { userId: 'user-9', identityToken: 'jwt-for-user-9' });
    chat.send('now signed in');
    await waitFor(() => expect(server.to('/v1/chat/session')).toHaveLength(2));
    expect(server.to('/v1/chat/session')[1]!.body).toMatchObject({ userId: 'user-9', identityToken: 'jwt-for-user-9' });
    // Asked once: later calls keep the new session.
    chat.send('again');
    await waitFor(() => expect(server.to('/v1/chat/messages')).toHaveLength(2));
    expect(server.to('/v1/chat/session')).toHaveLength(2);
  });

  it('never sends a queued message as a different visitor after reset()', async () => {
    const { host, visitor } = createTestHost();
    const server = createChatDouble({ key: host.key, online: false });
    createChat(host).send('from the first person');
    await new Promise((r) => setTimeout(r, 20));
    visitor.anonymousId = 'anon-2';
    server.online = true;
    const chat = createChat(host);
    chat.resume();
    await chat.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(server.to('/v1/chat/messages')).toHaveLength(0);
    expect(server.to('/v1/chat/session')[0]!.body.anonymousId).toBe('anon-2');
    expect(chat.state.messages).toEqual([]);
  });

  it('shows the operator reply from the stream, counts it unread (badge and chat:unread), and marks it read when seen', async () => {
    const { host, calls } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    chat.send('hello');
    await waitFor(() => expect(server.messages).toHaveLength(1));
    await waitFor(() => expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    const reply = server.reply('Hi! See https://example.com/help.');
    await waitFor(() => expect(chat.state.unread).toBe(1));
    expect(calls.badge.at(-1)).toBe(1);
    expect(calls.emit).toContainEqual(['chat:unread', 1]);
    expect(calls.emit).toContainEqual(['chat:message', reply]);
    expect(calls.track.map(([e]) => e)).toContain('Chat Message Sent');
    chat.seen();
    expect(chat.state.unread).toBe(0);
    expect(calls.badge.at(-1)).toBe(0);
    await waitFor(() => expect(server.to(`/v1/chat/conversations/conv-1/read`)[0]!.body).toEqual({ upTo: reply.id }));
  });

  it('reconnects a cut stream with Last-Event-ID', async () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    chat.send('hello');
    await waitFor(() => expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    server.reply('first');
    await waitFor(() => expect(chat.state.messages).toHaveLength(2));
    server.endStreams();
    await waitFor(() => expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(2), 3000);
    const [first, second] = server.fetch.mock.calls.filter(([u]) => String(u).endsWith('/v1/chat/stream'));
    expect(new Headers(first![1]?.headers).get('last-event-id')).toBeNull();
    // The reply above was event 1 or later: the reconnect asks for what came after it.
    expect(Number(new Headers(second![1]?.headers).get('last-event-id'))).toBeGreaterThan(0);
  });

  it('long-polls /v1/chat/events after three failed streams, and still gets the reply', async () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key, streamStatus: 503 });
    const chat = createChat(host);
    chat.send('behind a proxy that breaks streams');
    await waitFor(() => expect(chat.state.conversation?.id).toBe('conv-1'));
    // The backoff between tries also ends when the browser says it is online: no need to wait it out here.
    for (let i = 0; i < 3; i++) {
      await waitFor(() => expect(server.to('/v1/chat/stream', 'GET').length).toBeGreaterThan(i));
      await new Promise((r) => setTimeout(r, 10));
      dispatchEvent(new Event('online'));
    }
    await waitFor(() => expect(server.to('/v1/chat/events', 'GET').length).toBeGreaterThan(0));
    expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(3);
    server.reply('answer by long poll');
    await waitFor(() => expect(chat.state.messages.map((m) => m.text)).toContain('answer by long poll'));
    expect(server.to('/v1/chat/stream', 'GET')).toHaveLength(3);
  });

  it('refuses an empty or too long message with a clear error, before sending anything', () => {
    const { host } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    expect(chat.send('   ')).toBe(false);
    expect(chat.send('x'.repeat(4001))).toBe(false);
    expect(chat.state.error).toBe('text_too_long');
    expect(server.requests).toHaveLength(0);
  });

  it('ends the conversation and rates it', async () => {
    const { host, calls } = createTestHost();
    const server = createChatDouble({ key: host.key });
    const chat = createChat(host);
    chat.send('hello');
    await waitFor(() => expect(chat.state.conversation?.id).toBe('conv-1'));
    await chat.end();
    expect(chat.state).toMatchObject({ conversation: { status: 'closed' }, ended: true });
    expect(await chat.rate(4, 'quick')).toBe(true);
    expect(server.to('/v1/chat/conversations/conv-1/rating')[0]!.body).toEqual({ score: 4, comment: 'quick' });
    expect(calls.track).toContainEqual(['Chat Rated', { conversationId: 'conv-1', score: 4 }]);
  });
});
