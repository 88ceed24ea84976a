/** A parsed allowed-origin pattern. */
interface OriginPattern {
  scheme: string;
  /** Exact host, or the suffix after `*.` when `wildcardHost`. */
  host: string;
  wildcardHost: boolean;
  /** Exact port (defaults filled in), or '*'. */
  port: string;
}

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };
const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\*|\d{1,5}))?$/i;

function parse(pattern: string): OriginPattern | null {
  const m = PATTERN.exec(pattern.trim());
  if (!m) return null;
  const scheme = `${m[1]!.toLowerCase()}:`;
  const port = m[4] ?? DEFAULT_PORT[scheme]!;
  if (port !== '*' && Number(port) > 65535) return null;
  return { scheme, host: m[3]!.toLowerCase(), wildcardHost: Boolean(m[2]), port };
}

/**
 * Checks a pattern an operator typed: `*` (any origin), `https://example.com`, `http://localhost:*` (any port),
 * `https://*.example.com` (any subdomain). Returns an error message, or null when it is valid.
 */
export function checkOriginPattern(pattern: string): string | null {
  if (pattern === '*') return null;
  return parse(pattern)
    ? null
    : `"${pattern}" is not an origin pattern; use scheme://host[:port], e.g. https://example.com, http://localhost:*, https://*.example.com or *`;
}

/** True when the request's Origin header value matches one of the site's patterns. */
export function isOriginAllowed(origin: string, patterns: readonly string[]): boolean {
  if (patterns.includes('*')) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage match only "*"
  }
  const port = url.port || DEFAULT_PORT[url.protocol];
  const host = url.hostname.toLowerCase();
  return patterns.some((p) => {
    const pattern = parse(p);
    if (!pattern || pattern.scheme !== url.protocol) return false;
    if (pattern.port !== '*' && pattern.port !== port) return false;
    return pattern.wildcardHost ? host.endsWith(`.${pattern.host}`) : host === pattern.host;
  });
}
