import type { Audience, Campaign, Frequency, SiteLimits } from '../src/shared/campaign-schema.js';
import { validateCampaign } from '../src/shared/validate-campaign.js';
import { validateSiteLimits } from './campaigns/validate-site-limits.js';
import type { Store } from './store/store.js';

// The in-app messages of the demo site (issue 5, "works from npm start"): one of each kind and trigger, shown only on
// the demo's Messages page (demo/messages.html, demo/ja/messages.html), which says what each one does. Other demo
// pages, and the end-to-end tests that use the demo key pk_demo on other paths, never see one of them.

/** The paths the demo campaigns are limited to: the Messages page in English and in Japanese. */
export const DEMO_MESSAGES_PATHS = ['/messages', '/ja/messages'] as const;

/**
 * The demo site's message limits: 5 s between two messages instead of the default 30 s, and room for many in a
 * session, so each message can be tried in turn; the chat still silences them.
 */
export const DEMO_MESSAGE_LIMITS: SiteLimits = { minGap: 5, maxPerSession: 50, quietWhileChatOpen: true };

const audience: Audience = { urls: DEMO_MESSAGES_PATHS.map((value) => ({ match: 'starts-with' as const, value })) };
// Loose caps, so a visitor can try each message several times in one session; a dismissal does not end it.
const tryAgain: Frequency = { session: 10, stopAfterDismiss: false, stopAfterConversion: false };

/** The live campaigns the demo site starts with, in the owner's format (docs/campaigns.md); English and Japanese. */
export const DEMO_CAMPAIGNS: readonly Campaign[] = [
  {
    id: 'demo-modal',
    version: 1,
    status: 'live',
    priority: 50,
    name: 'Demo: modal on a button click',
    kind: { type: 'modal' },
    defaultLocale: 'en',
    content: {
      en: {
        title: 'Welcome to Tsumiki',
        body: 'This is a **modal**. It opened because you clicked *Show a modal* (a click trigger).\nFocus stays inside until you close it: ×, Esc, a click outside, or a button.',
        buttons: [
          { label: 'See pricing', action: 'open-url', url: '/pricing.html' },
          { label: 'Ask us', action: 'open-chat' },
          { label: 'Close', action: 'dismiss' },
        ],
      },
      ja: {
        title: 'Tsumiki へようこそ',
        body: 'これは**モーダル**です。「モーダルを表示」をクリックしたので開きました（クリックトリガー）。\n閉じるまでフォーカスは中に留まります：×、Esc、外側のクリック、またはボタン。',
        buttons: [
          { label: '料金を見る', action: 'open-url', url: '/ja/pricing.html' },
          { label: '質問する', action: 'open-chat' },
          { label: '閉じる', action: 'dismiss' },
        ],
      },
    },
    audience,
    trigger: { click: { selector: '#demo-show-modal' } },
    frequency: tryAgain,
  },
  {
    id: 'demo-banner',
    version: 1,
    status: 'live',
    priority: 10,
    name: 'Demo: bottom banner on page view',
    kind: { type: 'banner', position: 'bottom' },
    defaultLocale: 'en',
    content: {
      en: {
        body: '**New:** recurring checklists are here. This **banner** appears when the page loads, at most once a minute. [Read the docs](/docs.html)',
        buttons: [{ label: 'Got it', action: 'dismiss' }],
      },
      ja: {
        body: '**新機能：**定期チェックリストが使えるようになりました。この**バナー**はページの読み込み時に表示されます（1 分に 1 回まで）。[料金を見る](/ja/pricing.html)',
        buttons: [{ label: 'わかりました', action: 'dismiss' }],
      },
    },
    audience,
    trigger: { pageView: {} },
    // Once a minute, so that reloading the page to try another message does not show the banner every time.
    frequency: { ...tryAgain, cooldown: 60 },
  },
  {
    id: 'demo-slide-up',
    version: 1,
    status: 'live',
    priority: 20,
    name: 'Demo: slide-up after 10 s on the page',
    kind: { type: 'slide-up' },
    defaultLocale: 'en',
    content: {
      en: {
        title: 'Still reading?',
        body: 'This **slide-up** appeared after 10 seconds on this page. It does not take focus, so you can keep reading.',
        buttons: [
          { label: 'Chat with us', action: 'open-chat' },
          { label: 'No thanks', action: 'dismiss' },
        ],
      },
      ja: {
        title: 'まだお読みですか？',
        body: 'この**スライドアップ**は、このページを開いて 10 秒後に表示されました。フォーカスを奪わないので、そのまま読み進められます。',
        buttons: [
          { label: 'チャットする', action: 'open-chat' },
          { label: '今はいい', action: 'dismiss' },
        ],
      },
    },
    audience,
    trigger: { timeOnPage: { seconds: 10 } },
    frequency: { ...tryAgain, cooldown: 60 },
  },
  {
    id: 'demo-nps',
    version: 1,
    status: 'live',
    priority: 40,
    name: 'Demo: NPS survey on a custom event',
    kind: { type: 'survey', survey: 'nps' },
    defaultLocale: 'en',
    content: {
      en: {
        title: 'How likely are you to recommend Tsumiki to a colleague?',
        body: 'Your answer shows in the console, on this campaign’s results.',
        scale: { low: 'Not likely', high: 'Very likely' },
      },
      ja: {
        title: 'Tsumiki を同僚にすすめる可能性はどのくらいですか？',
        body: '回答はコンソールのこのキャンペーンの結果に表示されます。',
        scale: { low: 'すすめない', high: 'ぜひすすめる' },
      },
    },
    audience,
    trigger: { events: [{ name: 'Demo Survey Requested' }] },
    frequency: tryAgain,
  },
  {
    id: 'demo-chat-prompt',
    version: 1,
    status: 'live',
    priority: 30,
    name: 'Demo: chat prompt on a button click',
    kind: { type: 'chat-prompt' },
    defaultLocale: 'en',
    content: {
      en: { body: 'Hi! The Tsumiki team here. Anything we can help you with? Reply here: your message lands in the console’s Inbox.' },
      ja: { body: 'こんにちは、Tsumiki チームです。何かお手伝いできることはありますか？ここに返信すると、コンソールの受信箱に届きます。' },
    },
    audience,
    trigger: { click: { selector: '#demo-show-chat-prompt' } },
    frequency: tryAgain,
  },
  {
    id: 'demo-ab-test',
    version: 1,
    status: 'live',
    priority: 45,
    name: 'Demo: A/B test with a holdout and a goal',
    kind: { type: 'card' },
    defaultLocale: 'en',
    content: {
      en: {
        title: 'Try Pro free for 14 days',
        body: 'Variant **A** of an A/B test. Start the trial to count a conversion.',
        buttons: [
          { label: 'Start my trial', action: 'track-event', event: 'Demo Trial Started' },
          { label: 'Not now', action: 'dismiss' },
        ],
      },
      ja: {
        title: 'プロを 14 日間無料で',
        body: 'A/B テストの**バリアント A** です。トライアルを始めるとコンバージョンになります。',
        buttons: [
          { label: 'トライアルを始める', action: 'track-event', event: 'Demo Trial Started' },
          { label: '今はいい', action: 'dismiss' },
        ],
      },
    },
    audience,
    trigger: { events: [{ name: 'Demo Plans Compared', where: [{ key: 'plan', op: 'eq', value: 'pro' }] }] },
    frequency: tryAgain,
    experiment: {
      key: 'demo-ab-test-1',
      holdout: 20,
      variants: [
        { id: 'a', weight: 1 },
        {
          id: 'b',
          weight: 1,
          content: {
            en: {
              title: 'Unlimited checklists with Pro',
              body: 'Variant **B**: templates, recurring runs and a year of history. Start the trial to count a conversion.',
              buttons: [
                { label: 'Start my trial', action: 'track-event', event: 'Demo Trial Started' },
                { label: 'Not now', action: 'dismiss' },
              ],
            },
            ja: {
              title: 'プロならチェックリスト無制限',
              body: '**バリアント B**：テンプレート、定期実行、1 年分の履歴。トライアルを始めるとコンバージョンになります。',
              buttons: [
                { label: 'トライアルを始める', action: 'track-event', event: 'Demo Trial Started' },
                { label: '今はいい', action: 'dismiss' },
              ],
            },
          },
        },
      ],
    },
    goal: { event: 'Demo Trial Started', within: 3600 },
  },
];

/**
 * Adds the demo campaigns (live) and the demo message limits to `siteId`, through the same store calls and
 * validators as the admin API. Called once, when the collector has just created the demo site. A campaign whose id
 * is taken is left as it is. An invalid definition is a bug in this file: it throws before anything is stored.
 */
export async function createDemoCampaigns(store: Store, siteId: string): Promise<string[]> {
  const campaigns = DEMO_CAMPAIGNS.map((campaign) => {
    const result = validateCampaign(campaign);
    if (!result.ok) throw new Error(`demo campaign ${campaign.id} is invalid: ${result.errors.map((e) => e.message).join('; ')}`);
    return result.campaign;
  });
  const limits = validateSiteLimits(DEMO_MESSAGE_LIMITS);
  if (!limits.ok) throw new Error(`demo message limits are invalid: ${limits.errors.map((e) => e.message).join('; ')}`);
  await store.campaigns.putSettings(siteId, { limits: limits.limits });
  const created: string[] = [];
  for (const campaign of campaigns) if (await store.campaigns.create(siteId, campaign)) created.push(campaign.id);
  return created;
}
