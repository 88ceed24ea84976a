/**
 * The device class of a user agent, as campaign audiences name them: `tablet` (iPad, Android without "Mobile",
 * "Tablet"), `mobile` ("Mobi"), else `desktop`. iPadOS reports a Mac user agent; with touch points it is a tablet.
 */
export const deviceOf = (ua: string, touch = navigator.maxTouchPoints): 'desktop' | 'mobile' | 'tablet' =>
  /iPad|Tablet|Android(?!.*Mobi)/i.test(ua) || (/Macintosh/.test(ua) && touch > 1) ? 'tablet' : /Mobi/i.test(ua) ? 'mobile' : 'desktop';
