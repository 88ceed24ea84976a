// What the e2e pages expose on window (the SDK's API and the probe's record).
import type { WireMessage } from './recording-collector.js';

declare global {
  interface Window {
    kizuna: {
      page(name?: string, properties?: Record<string, unknown>): void;
      track(event: string, properties?: Record<string, unknown>): void;
      identify(userId: string, traits?: Record<string, unknown>): void;
      reset(): void;
      consent(state: 'granted' | 'denied'): void;
      flush(): Promise<void>;
      on(name: string, cb: (value: unknown) => void): () => void;
      q?: unknown[];
      version?: string;
      campaigns: { why(id: string): string };
    };
    __kizunaEvents: WireMessage[];
  }
}
export {};
