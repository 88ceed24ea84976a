/**
 * The write key of an ingest request: `writeKey` in the body (the Kizuna SDK), else the HTTP Basic username
 * (`Authorization: Basic base64(writeKey + ":")`, as Segment's and RudderStack's clients send it).
 */
export function findWriteKey(body: { writeKey?: unknown }, authorization: string | undefined): string | null {
  if (typeof body.writeKey === 'string' && body.writeKey) return body.writeKey;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return user || null;
}
