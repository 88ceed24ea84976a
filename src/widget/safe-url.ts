/**
 * `url` (absolute, or relative to the page) as an absolute URL when it is http(s), or also mailto: unless `image`;
 * else undefined. Campaigns are validated when saved, but the widget renders nothing else even if one slips through
 * (`javascript:`, `data:` and the like never become a link, a button target or an image source).
 */
export const safeUrl = (url: unknown, image?: boolean): string | undefined => {
  try {
    const u = new URL(String(url), location.href);
    if (/^https?:$/.test(u.protocol) || (!image && u.protocol == 'mailto:')) return u.href;
  } catch {
    // Not a URL: nothing to link.
  }
};
