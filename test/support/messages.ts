import type { Message } from '../../src/types';
import { uuid } from '../../src/core/uuid';

/** A minimal valid track message, optionally padded to about `bytes` of JSON. */
export const message = (event = 'Test', bytes = 0): Message => ({
  type: 'track',
  event,
  properties: bytes ? { pad: 'x'.repeat(bytes) } : {},
  messageId: uuid(),
  anonymousId: 'anon',
  timestamp: new Date().toISOString(),
  context: {
    page: { url: 'https://shop.example/', path: '/', search: '', referrer: '', title: '' },
    locale: 'en',
    timezone: 'UTC',
    screen: { width: 1, height: 1, density: 1 },
    library: { name: 'kizuna', version: 'test' },
    sessionId: 's',
  },
});

let n = 0;
/** A site key no other test uses, so each test gets its own IndexedDB database. */
export const freshKey = () => `k${Date.now().toString(36)}${n++}`;
