import type { Message } from '../types';
import type { CompiledCampaign, CompiledCondition, CompiledSiteLimits } from '../shared/compiled-campaign';
import {
  assignVariant, campaignCheck, CONTROL, eventMatches, failed, siteCheck, triggerFires, type CapHistory, type Visitor,
} from '../shared/rules';
import { attempt } from '../core/attempt';
import { deviceOf } from './device-of';
import { foldSignal, scoreOf, signalOf, tierOf, type ScoreSettings, type ScoreState, type Signal } from '../shared/engagement-score';

/** One campaign's stored history: the caps' counts, `s` the session they count, `at` the last impression (epoch ms). */
type History = CapHistory & { s?: string; at?: number };

/**
 * What the engine keeps in localStorage: `h` history per campaign, `l` last message of any campaign, `n` messages
 * this session `s`, `e` the engagement score state, `q` the session it last counted, `z` the session it was seeded in.
 */
interface Stored {
  h: Record<string, History>;
  l: number;
  n: number;
  s?: string;
  e?: ScoreState;
  q?: string;
  z?: string;
}

/** What `GET /v1/campaigns` delivers: the live campaigns, highest priority first, the site-wide limits, and the engagement settings when a campaign targets the score. */
export interface CampaignData {
  campaigns: CompiledCampaign[];
  limits?: CompiledSiteLimits;
  score?: ScoreSettings;
}

/** What the engine needs from the core. */
export interface CampaignHost {
  /** The `…/v1/campaigns?writeKey=…` URL the list came from (the score seed is asked for beside it). */
  url: string;
  /** The localStorage key of the engine's state. */
  store: string;
  /** anonymousId `a`, userId `u`, session id `s` and sessions started `n`, read at each use. */
  who(): { a: string; u?: string; s?: string; n?: number };
  track(event: string, properties: Record<string, unknown>): void;
  /** Hands a due message to the widget (loading it first). */
  show(campaign: CompiledCampaign, variant?: string): void;
  /** True while the chat panel is open. */
  chat(): boolean;
  log(...a: unknown[]): void;
}

/** The running engine. */
export interface CampaignRuntime {
  /** Feeds every message the SDK makes (page views, events, identify) to the triggers, caps and goals. */
  see(m: Message): void;
  /**
   * The first rule that kept campaign `id` from showing on this page (`audience.device`, `frequency.session`,
   * `site.gap`, `trigger` when its trigger has not fired yet, `unknown` when the collector did not deliver it),
   * or `shown`.
   */
  why(id: string): string;
}

const DAY = 864e5;

/**
 * The in-app message engine (issue 5), loaded as kizuna-campaigns.js once the core has fetched a non-empty campaign
 * list (the browser's HTTP cache revalidates it by ETag). It watches triggers on each page view (events, time on page, scroll depth, exit intent, idle, clicks),
 * checks schedule, audience, frequency caps and site-wide limits with the pure rules of src/shared/rules.ts, assigns
 * the experiment variant, and hands a due message to the widget, which loads only then. A holdout visitor records an
 * impression and sees nothing. Caps live in localStorage and hold across reloads; a malformed campaign is skipped.
 */
export const createCampaigns = (host: CampaignHost, data: CampaignData): CampaignRuntime => {
  // Bad server data degrades to "no campaigns"; one unreadable campaign is skipped where it is read.
  const list = (Array.isArray(data.campaigns) ? data.campaigns : []).filter((c) => c?.t).sort((a, b) => b.p - a.p);
  const limits: CompiledSiteLimits = data.limits || { g: 30, n: 3, q: 1 };
  const settings = data.score;
  // State of another shape (another version, another script on the key) would throw at every read: start afresh.
  const read = (text: string | null | undefined): Stored | undefined => {
    const saved = attempt(() => JSON.parse(text!));
    return saved?.h instanceof Object ? saved : undefined;
  };
  let st: Stored = read(attempt(() => localStorage.getItem(host.store))) || { h: {}, l: 0, n: 0 };
  // Another tab of the site showed, dismissed or converted: take its state, so neither tab undoes the other's caps.
  addEventListener('storage', (e) => e.key == host.store && (st = read(e.newValue) || st));
  const traits: Record<string, unknown> = {};
  let reasons: Record<string, string> = {};
  const timers: Record<string, ReturnType<typeof setTimeout>> = {};
  // Per campaign, the conditions met during this page view; absent once it fired or was cancelled on this page.
  let met: Record<string, unknown[] | undefined> = {};
  let pageAt = Date.now();
  let activeAt = pageAt;
  // How far down the page the visitor has seen (px), from scroll events and each second's reading (so a page shorter
  // than the window counts as seen whole, and a page view of an SPA starts from the top its router scrolls to).
  const seen = () => scrollY + innerHeight;
  let depth = 0;

  // Armed for the page the engine arrived on; each later page view re-arms.
  list.forEach((c) => (met[c.i] = []));
  const save = () => attempt(() => localStorage.setItem(host.store, JSON.stringify(st)));
  const now = Date.now;
  const session = () => {
    const s = host.who().s;
    if (st.s != s) (st.s = s), (st.n = 0);
  };
  const history = (id: string): History => {
    const h = (st.h[id] ||= { total: 0, session: 0, times: [] });
    const s = host.who().s;
    if (h.s != s) (h.s = s), (h.session = 0);
    return h;
  };
  const visitor = (): Visitor => {
    const w = host.who();
    const score = settings ? scoreOf(st.e, now(), settings) : 0;
    return {
      id: w.a,
      userId: w.u,
      path: location.pathname,
      url: location.href,
      traits,
      device: deviceOf(navigator.userAgent),
      langs: (navigator.languages || [navigator.language]).map((l) => l.toLowerCase()),
      sessions: w.n || 1,
      score,
      tier: settings ? tierOf(score, settings) : '',
    };
  };
  const ids = (c: CompiledCampaign, variantId?: string) => (variantId ? { campaignId: c.i, variantId } : { campaignId: c.i });
  const variantOf = (c: CompiledCampaign) => c.x && assignVariant(c.x, host.who().a);

  const decide = (c: CompiledCampaign) => {
    const t = now();
    session();
    const why =
      campaignCheck(c, visitor(), history(c.i), t) || siteCheck(limits, { last: st.l, shown: st.n, chat: host.chat() }, t);
    reasons[c.i] = why || 'shown';
    const v = variantOf(c);
    // Site-wide limits held back a message that was otherwise due: worth counting. Audience and caps are not.
    if (why) return why[0] == 's' && why[1] == 'i' && host.track('Message Suppressed', { ...ids(c, v), reason: why });
    if (v != CONTROL) (st.l = t), st.n++, save(), host.show(c, v);
    else host.track('Message Shown', { ...ids(c, v), version: c.v });
  };

  /** Runs `fn` for campaign `c`: a campaign the SDK cannot read (an invalid pattern, a missing part) is skipped, the others go on. */
  const guard = <T>(c: CompiledCampaign, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (e) {
      met[c.i] = undefined;
      host.log(e);
    }
  };

  const fire = (c: CompiledCampaign) => {
    met[c.i] = undefined;
    const d = c.t.d;
    if (d) timers[c.i] ||= setTimeout(() => (delete timers[c.i], guard(c, () => decide(c))), d * 1e3);
    else decide(c);
  };

  /** Marks the conditions of kind `k` that `test` accepts, and fires the campaigns whose trigger now holds. */
  const check = (k: string, test: (c: CompiledCondition) => unknown = () => 1) => {
    // The visitor's facts, read once for all campaigns of this check and only if one has a facts condition.
    let v: Visitor | undefined;
    list.forEach((c) => {
      const m = met[c.i];
      if (!m) return;
      guard(c, () => {
        c.t.c.forEach((x, i) => x[0] == k && test(x) && (m[i] = 1));
        if (triggerFires(c.t, (x, i) => (x[0] == 'a' ? !failed(x[1], (v ||= visitor())) : m[i]))) fire(c);
      });
    });
  };

  const page = () => {
    pageAt = activeAt = now();
    depth = 0;
    // A new page: delayed messages of the last one are dropped, and why() speaks of this one.
    for (const k in timers) clearTimeout(timers[k]), delete timers[k];
    reasons = {};
    met = {};
    list.forEach((c) => (met[c.i] = []));
    check('p', (x) => !failed(x[1] as never, { path: location.pathname, url: location.href }));
  };

  // Once a session the score starts from the collector's state (every device and all history of the person); the
  // signals this page counts while that request is on its way are kept, to be folded again onto it.
  const w = host.who();
  let mine: Signal[] | undefined = settings && st.z != w.s ? [] : undefined;
  // Stored only when a signal counted: most track() calls are none, and a localStorage write costs ~20 µs.
  const fold = (g: Signal) => (mine?.push(g), (st.e = foldSignal(st.e, g, settings!)), save());
  const see = (m: Message) => {
    if (settings) {
      // The engagement score, folded live with the collector's own functions (src/shared/engagement-score.ts).
      const at = Date.parse(m.timestamp);
      if (m.context.sessionId != st.q) (st.q = m.context.sessionId), fold({ type: 'session', at });
      const g = signalOf(m, settings);
      if (g) fold(g);
    }
    if (m.type == 'identify') Object.assign(traits, m.traits);
    if (m.type == 'page') return page();
    if (m.type != 'track') return;
    const p = m.properties;
    const id = p.campaignId as string;
    const h = id && st.h[id];
    if (h && m.event == 'Message Shown') {
      const t = now();
      h.total++, h.session++, (h.at = t);
      h.times = h.times.filter((x) => t - x < DAY).concat(t);
      save();
    }
    if (h && m.event == 'Message Dismissed') (h.dismissed = true), save();
    // The widget had another message open and dropped this one.
    if (p.reason == 'site.busy') reasons[id] = 'site.busy';
    list.forEach((c) =>
      guard(c, () => {
        const g = c.g;
        const k = st.h[c.i];
        if (g && k?.at && !k.converted && eventMatches(g.e, g.f, m.event, p) && now() - k.at <= g.w * 1e3) {
          k.converted = true;
          save();
          host.track('Message Converted', ids(c, variantOf(c)));
        }
        if (c.t.x?.includes(m.event)) clearTimeout(timers[c.i]), delete timers[c.i], (met[c.i] = undefined);
      }),
    );
    check('e', (x) => eventMatches(x[1] as string, x[2] as never, m.event, p));
  };

  if (mine)
    fetch(host.url.replace('campaigns?', 'score?') + '&anonymousId=' + encodeURIComponent(w.a))
      .then((r) => r.json())
      .then((d: { state?: ScoreState }) => {
        const e = d.state;
        // Only this page's signals newer than the collector's last one are added again.
        if (e) (st.e = e), mine!.forEach((g) => g.at > e.t && (st.e = foldSignal(st.e, g, settings!)));
        st.z = w.s;
        save();
      })
      .catch(host.log)
      // Kept no longer than needed (the next page asks again if this request failed).
      .finally(() => (mine = undefined));

  document.addEventListener('mouseout', (e) => !e.relatedTarget && e.clientY <= 0 && check('x'));
  document.addEventListener('click', (e) => check('c', (x) => (e.target as Element).closest?.(x[1] as string)), true);
  // Time on page, idle and scroll depth are read once a second (no work in the page's own scroll or input handlers),
  // and only on a site whose campaigns use one of them: no timer and no listeners otherwise.
  if (list.some((c) => guard(c, () => c.t.c.some((x) => 'tis'.includes(x[0]))))) {
    addEventListener('scroll', () => (depth = Math.max(depth, seen())), { passive: true });
    for (const k of ['pointerdown', 'keydown', 'scroll', 'mousemove']) addEventListener(k, () => (activeAt = now()), { passive: true });
    setInterval(() => {
      const t = now();
      check('t', (x) => t - pageAt >= (x[1] as number) * 1e3);
      check('i', (x) => t - activeAt >= (x[1] as number) * 1e3);
      depth = Math.max(depth, seen());
      check('s', (x) => (100 * depth) / document.documentElement.scrollHeight >= (x[1] as number));
    }, 1e3);
  }

  return {
    see,
    why: (id) => {
      const c = list.find((c) => c.i == id);
      return reasons[id] || (c && guard(c, () => campaignCheck(c, visitor(), history(id), now()) || 'trigger')) || 'unknown';
    },
  };
};
