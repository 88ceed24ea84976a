// The libraries the benchmark compares, each loaded the way its own docs recommend for a plain website:
// Kizuna's script tag; PostHog's snippet (queues calls, loads /static/array.js; sends to api_host); Segment's
// analytics.js snippet (queues calls, loads the standalone bundle, fetches the source's settings);
// Plausible's npm tracker (init({domain}) then track()). All backends are the local sink.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The SDK build to measure: KIZUNA_BENCH_DIST (bench/run.mjs points it at its snapshot of dist/), else dist/. */
export const distDir = () => process.env.KIZUNA_BENCH_DIST || join(ROOT, 'dist');
const pkgDir = (name) => join(ROOT, 'node_modules', name);
const version = (name) => JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version;

/** The event every library tracks in the track() benchmark. */
export const EVENT = 'Button Clicked';
/** The event of the delivery benchmark's fixed sequence; each carries its number as property `seq`. */
export const STEP = 'Step';

const json = (buf) => JSON.parse(buf.toString('utf8'));
/** The messages of a body that is one message or a `{batch: [...]}` envelope (or a bare array). */
const messages = (body) => (Array.isArray(body) ? body : Array.isArray(body.batch) ? body.batch : [body]);

/**
 * @typedef {object} Peer
 * @property {string} id
 * @property {string} name
 * @property {string} version
 * @property {{label: string, file: string, loads: 'every page' | 'not by default'}[]} files  shipped files for the size table
 * @property {{label: string, file: string, loads: string}[]} chat  the chat UI's files (none: no chat product)
 * @property {(site: string, collector?: string) => string} head  HTML that loads the library from `site` and
 *   configures it to send to `collector` (default: the same origin)
 * @property {string} ready  JS expression, true once the library is initialised
 * @property {string} track  JS statement tracking EVENT with properties `p` (an object) inside a loop over `i`
 * @property {string} trackSeq  JS statement tracking STEP with the property seq = `n` (a number)
 * @property {(post: {path: string, body: Buffer}) => {id: string | null, seq: number | null}[]} decode  the events
 *   in one ingestion request to the collector, with the library's own message id (null if it has none) and `seq`
 * @property {string} [note]
 */

/** @param {string} root repository root; @param {string} plausibleBundle path of the IIFE built from the npm package */
export function peers(root, plausibleBundle) {
  const posthog = pkgDir('posthog-js');
  const segment = pkgDir('@segment/analytics-next');
  const plausible = pkgDir('@plausible-analytics/tracker');
  const kizunaVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const DIST = distDir();
  /** @type {Peer[]} */
  const list = [
    {
      id: 'kizuna',
      name: 'Kizuna',
      version: kizunaVersion,
      files: [
        { label: 'kizuna.js', file: join(DIST, 'kizuna.js'), loads: 'every page' },
        { label: 'kizuna-vitals.js (after load, when idle)', file: join(DIST, 'kizuna-vitals.js'), loads: 'every page' },
        { label: 'kizuna-campaigns.js (sites with live campaigns)', file: join(DIST, 'kizuna-campaigns.js'), loads: 'not by default' },
      ],
      chat: [{ label: 'kizuna-widget.js (on launcher hover or click)', file: join(DIST, 'kizuna-widget.js'), loads: 'when the visitor reaches for chat' }],
      head: (o, c = o) => `<script async src="${o}/kizuna/kizuna.js" data-key="pk_bench" data-endpoint="${c}/kizuna"></script>`,
      ready: `typeof window.kizuna === 'object' && typeof window.kizuna.version === 'string'`,
      track: `kizuna.track(${JSON.stringify(EVENT)}, p)`,
      trackSeq: `kizuna.track(${JSON.stringify(STEP)}, { seq: n })`,
      decode: ({ path, body }) =>
        path.endsWith('/v1/batch') ? messages(json(body)).map((m) => ({ id: m.messageId ?? null, seq: m.event === STEP ? m.properties?.seq ?? null : null })) : [],
      note: 'batches; the outbox keeps the newest 1000 (older ones are counted as dropped, overflow)',
    },
    {
      id: 'posthog',
      name: 'PostHog (posthog-js)',
      version: version('posthog-js'),
      files: [
        { label: 'array.js (snippet loads this)', file: join(posthog, 'dist/array.js'), loads: 'every page' },
        { label: 'array.full.js (all extensions)', file: join(posthog, 'dist/array.full.js'), loads: 'not by default' },
      ],
      chat: [{ label: 'conversations.js (lazy chunk)', file: join(posthog, 'dist/conversations.js'), loads: 'when conversations are on' }],
      // The documented loader's behaviour: a stub that queues init and calls, then array.js. PostHog Cloud's snippet
      // loads it from a separate assets host (us-assets.i.posthog.com beside us.i.posthog.com), so here it comes from
      // the site's origin (the CDN's stand-in) while events, flags and remote config go to api_host.
      head: (o, c = o) => `<script>
!function(w,d){var ph=w.posthog=w.posthog||[];if(ph.__SV)return;ph._i=[];ph.__SV=1;ph.people=ph.people||[];
ph.init=function(t,c,n){ph._i.push([t,c,n]);var s=d.createElement('script');s.async=!0;s.crossOrigin='anonymous';
s.src='${o}/posthog/static/array.js';d.head.appendChild(s)};
'capture identify register reset'.split(' ').forEach(function(m){ph[m]=function(){ph.push([m].concat([].slice.call(arguments)))}})}(window,document);
posthog.init('phc_bench',{api_host:'${c}/posthog',defaults:'2026-01-30',opt_out_useragent_filter:true,loaded:function(){window.__benchReady=true}});
</script>`,
      ready: `window.__benchReady === true`,
      track: `posthog.capture(${JSON.stringify(EVENT)}, p)`,
      trackSeq: `posthog.capture(${JSON.stringify(STEP)}, { seq: n })`,
      // /e/ bodies come as JSON, as gzip (text/plain, compression=gzip-js) or, at unload, as a base64 form.
      decode: ({ path, body }) => {
        if (!/\/(e|i\/v0\/e|batch|capture|track)\/?$/.test(path)) return [];
        let raw = body;
        if (raw[0] === 0x1f && raw[1] === 0x8b) raw = gunzipSync(raw);
        else if (raw.subarray(0, 5).toString() === 'data=') raw = Buffer.from(new URLSearchParams(raw.toString()).get('data') ?? '', 'base64');
        return messages(json(raw)).map((m) => ({ id: m.uuid ?? null, seq: m.event === STEP ? m.properties?.seq ?? null : null }));
      },
      // opt_out_useragent_filter: PostHog's own advice for automated browsers, which it otherwise drops as bots.
      note: 'default client rate limit (10/s, burst 100): calls past it are dropped, each with a console.error',
    },
    {
      id: 'segment',
      name: 'Segment (analytics-next)',
      version: version('@segment/analytics-next'),
      files: [{ label: 'standalone.js (analytics.min.js)', file: join(segment, 'dist/umd/standalone.js'), loads: 'every page' }],
      chat: [],
      // The documented snippet's behaviour: a queueing stub, analytics.load(key), analytics.page().
      head: (o) => `<script>
!function(){var a=window.analytics=window.analytics||[];if(a.initialize||a.invoked)return;a.invoked=!0;
a.methods=['track','page','identify','reset','ready','on','off','once','group','alias','debug'];
a.factory=function(m){return function(){var x=[].slice.call(arguments);x.unshift(m);a.push(x);return a}};
a.methods.forEach(function(m){a[m]=a.factory(m)});
a.load=function(k,opts){var s=document.createElement('script');s.async=!0;s.src='${o}/segment/umd/standalone.js';
document.head.appendChild(s);a._loadOptions=opts};
a._writeKey='seg_bench';a._cdn='${o}/segment';a.SNIPPET_VERSION='5.2.1';a.load('seg_bench');a.page();
a.ready(function(){window.__benchReady=true})}();
</script>`,
      ready: `window.__benchReady === true`,
      track: `analytics.track(${JSON.stringify(EVENT)}, p)`,
      trackSeq: `analytics.track(${JSON.stringify(STEP)}, { seq: n })`,
      decode: ({ path, body }) =>
        path.startsWith('/segment-api/') ? messages(json(body)).map((m) => ({ id: m.messageId ?? null, seq: m.event === STEP ? m.properties?.seq ?? null : null })) : [],
      note: 'one request per event (no batching by default)',
    },
    {
      id: 'plausible',
      name: 'Plausible (@plausible-analytics/tracker)',
      version: version('@plausible-analytics/tracker'),
      files: [
        { label: 'IIFE for a script tag (rollup+terser)', file: plausibleBundle, loads: 'every page' },
        { label: 'plausible.js (npm ES module, as shipped)', file: join(plausible, 'plausible.js'), loads: 'not by default' },
      ],
      chat: [],
      // captureOnLocalhost: the bench page is on 127.0.0.1, which the tracker otherwise ignores.
      head: (o, c = o) => `<script async src="${o}/plausible/plausible.js"
  onload="__plausible.init({domain:'bench.example',endpoint:'${c}/plausible/api/event',captureOnLocalhost:true});window.__benchReady=true"></script>`,
      ready: `window.__benchReady === true`,
      track: `__plausible.track(${JSON.stringify(EVENT)}, { props: { plan: p.plan, seats: String(p.seats) } })`,
      trackSeq: `__plausible.track(${JSON.stringify(STEP)}, { props: { seq: String(n) } })`,
      // No message id in Plausible's protocol: a repeat can only be told by the seq property the bench adds.
      decode: ({ path, body }) => {
        if (!path.endsWith('/api/event')) return [];
        const m = json(body);
        return [{ id: null, seq: m.n === STEP && m.p?.seq != null ? Number(m.p.seq) : null }];
      },
      note: 'one request per event (no batching); captureOnLocalhost set for 127.0.0.1',
    },
  ];
  return list;
}

/** Sink routes serving each library's files and answering its backend. */
export function sinkRoutes(root, plausibleBundleDir) {
  const DIST = distDir();
  const posthog = pkgDir('posthog-js');
  const segment = pkgDir('@segment/analytics-next');
  return {
    statics: {
      '/kizuna/': DIST,
      '/posthog/static/': join(posthog, 'dist'),
      '/segment/umd/': join(segment, 'dist/umd'),
      '/segment/analytics-next/bundles/': join(segment, 'dist/umd'),
      '/plausible/': plausibleBundleDir,
    },
    json: {
      // A site without live campaigns, as the collector answers it (docs/protocol.md, "Campaigns").
      '/kizuna/v1/campaigns': { campaigns: [] },
      '/posthog/flags/': { featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false },
      '/posthog/array/phc_bench/config.js': `(window._POSTHOG_REMOTE_CONFIG=window._POSTHOG_REMOTE_CONFIG||{}).phc_bench={config:{},siteApps:[]};`,
      '/posthog/array/phc_bench/config': {},
      '/segment/v1/projects/seg_bench/settings': 'SEGMENT_SETTINGS',
    },
  };
}

/** Segment source settings pointing its Segment.io destination at the sink, with its metrics off. */
export const segmentSettings = (origin) => ({
  integrations: { 'Segment.io': { apiKey: 'seg_bench', apiHost: `${origin.replace('http://', '')}/segment-api/v1`, protocol: 'http' } },
  plan: { track: { __default: { enabled: true, integrations: {} } } },
  edgeFunction: {},
  analyticsNextEnabled: true,
  middlewareSettings: {},
  enabledMiddleware: {},
  metrics: { sampleRate: 0 },
  legacyVideoPluginsEnabled: false,
  remotePlugins: [],
});
