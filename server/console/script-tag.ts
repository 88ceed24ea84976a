function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The tag a site owner pastes into every page: the SDK served by this collector, the site's write key,
 * and the collector as the endpoint (spelled out so the tag keeps working if the owner self-hosts kizuna.js).
 */
export function scriptTag(endpoint: string, writeKey: string): string {
  const origin = endpoint.replace(/\/+$/, '');
  return `<script async src="${attr(origin)}/kizuna.js" data-key="${attr(writeKey)}" data-endpoint="${attr(origin)}"></script>`;
}
