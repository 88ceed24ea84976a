import { vi } from 'vitest';

/** One request the SDK made, as the collector would see it. */
export interface SeenRequest {
  url: string;
  body: { batch: { messageId: string; type: string; event?: string }[]; sentAt: string; writeKey: string; context?: unknown };
  keepalive: boolean;
  contentType: string;
}

/**
 * Replaces `fetch` with a collector double for unit tests (the real network path runs in test/e2e against real
 * Chromium). `answer` gives the status (and headers) of each request in turn; by default 200.
 */
export const stubFetch = (
  answer: (n: number, req: SeenRequest) => number | [number, Record<string, string>] | 'network' = () => 200,
  /** Record only requests for this write key (instances from earlier tests may still be retrying). */
  key?: string,
) => {
  const requests: SeenRequest[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit) => {
    const req: SeenRequest = {
      url,
      body: JSON.parse(String(init.body)),
      keepalive: !!init.keepalive,
      contentType: new Headers(init.headers).get('content-type') || '',
    };
    if (key && req.body.writeKey != key) return new Response('{}', { status: 200 });
    requests.push(req);
    const a = answer(requests.length - 1, req);
    if (a == 'network') throw new TypeError('Failed to fetch');
    const [status, headers] = Array.isArray(a) ? a : [a, {}];
    return new Response(status == 204 ? null : '{}', { status, headers });
  });
  vi.stubGlobal('fetch', fn);
  const ids = () => requests.flatMap((r) => r.body.batch.map((m) => m.messageId));
  return { requests, ids };
};
