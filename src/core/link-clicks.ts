import type { Properties } from '../types';

/** Extensions counted as downloads unless the site lists its own (`data-downloads`). */
export const DEFAULT_DOWNLOADS = 'pdf,zip,dmg,exe,csv,xlsx,docx,pptx,mp3,mp4,txt,gz,7z,rar,pkg,msi,apk'.split(',');

const PROP = 'data-kizuna-prop-';

/**
 * What a click on `target` should record, or undefined: the `data-kizuna-event` of the nearest tagged element
 * (its `data-kizuna-prop-*` attributes as properties), else `Link Clicked` for an outbound or download link.
 */
export const describeClick = (target: EventTarget | null, downloads: string[]): [string, Properties] | void => {
  const el = (target as Element | null)?.closest?.('[data-kizuna-event],a[href]');
  const name = el?.getAttribute('data-kizuna-event');
  const props: Properties = {};
  if (name) {
    for (const a of el!.attributes) if (a.name.startsWith(PROP)) props[a.name.slice(PROP.length)] = a.value;
    return [name, props];
  }
  const a = el as HTMLAnchorElement | null;
  if (!a || !/^http/.test(a.protocol)) return;
  const download = a.hasAttribute('download') || downloads.includes(a.pathname.split('.').pop()!.toLowerCase());
  const outbound = a.host != location.host;
  // textContent, not innerText: innerText forces a layout on the click path.
  const text = a.textContent!.replace(/\s+/g, ' ').trim().slice(0, 100);
  if (outbound || download) return ['Link Clicked', { href: a.href, text, outbound, download }];
};

/**
 * Records outbound links, downloads and `data-kizuna-event` elements on click, middle click (auxclick) and
 * modifier clicks. Listens in the capture phase and only reads: never calls preventDefault, never delays
 * navigation (the event goes to the outbox and leaves with keepalive when the page hides).
 */
export const trackLinkClicks = (downloads: string[], track: (event: string, props: Properties) => void): void => {
  const onClick = (e: MouseEvent) => {
    try {
      const hit = (e.type == 'click' || e.button == 1) && describeClick(e.target, downloads);
      if (hit) track(...hit);
    } catch {
      // A click must always reach the page.
    }
  };
  document.addEventListener('click', onClick, true);
  document.addEventListener('auxclick', onClick, true);
};
