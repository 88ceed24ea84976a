/*
 * Demo helper (not part of what site owners paste): wires the support page's buttons to the public chat and
 * feedback API, the messages page's `data-demo-track` buttons to `kizuna.track()` and its `data-demo-why` lines to
 * `kizuna.campaigns.why()`, and lists what the Kizuna SDK sends from this tab in the "What this page demonstrates"
 * note, using the public `kizuna.on('event')` API. Text only, never HTML.
 * It does nothing if the SDK is missing or blocked: the page works the same without it.
 */
(function () {
  'use strict';
  var japanese = document.documentElement.lang === 'ja';

  // Support page: "Chat with us" → kizuna.chat.open(), "Give feedback" → kizuna.feedback.open().
  // Guarded, since the chat API arrives with a newer core and the SDK may be blocked or still loading.
  var status = document.querySelector('[data-demo-status]');
  function say(text) {
    if (status) status.textContent = text;
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-demo-action]'), function (button) {
    button.addEventListener('click', function () {
      var kizuna = window.kizuna;
      var action = button.getAttribute('data-demo-action');
      var api = kizuna && (action === 'chat' ? kizuna.chat : kizuna.feedback);
      if (!api || typeof api.open !== 'function') {
        say(
          japanese
            ? 'チャットはまだ利用できません（SDK の読み込み中か、ブロックされています）。'
            : 'The chat is not available yet (the SDK is still loading, or blocked).'
        );
        return;
      }
      say('');
      try {
        api.open();
      } catch (error) {
        say(japanese ? 'チャットを開けませんでした。' : 'Could not open the chat.');
      }
    });
  });

  // Messages page: a button that tracks a custom event, as a site's own code would call kizuna.track(name).
  Array.prototype.forEach.call(document.querySelectorAll('[data-demo-track]'), function (button) {
    button.addEventListener('click', function () {
      var kizuna = window.kizuna;
      if (!kizuna || typeof kizuna.track !== 'function') {
        say(japanese ? 'SDK がまだ読み込まれていないか、ブロックされています。' : 'The SDK is still loading, or blocked.');
        return;
      }
      say('');
      try {
        kizuna.track(button.getAttribute('data-demo-track'));
      } catch (error) {
        say(japanese ? 'イベントを送れませんでした。' : 'Could not track the event.');
      }
    });
  });

  // Messages page: what kizuna.campaigns.why(id) says about each demo campaign, read once a second. The engine's
  // `shown` is completed by what the widget then recorded on this page (kizuna.on('event') below): drawn, held back
  // because another message was still open (Message Suppressed, site.busy), or the holdout's invisible impression.
  var WHY = {
    en: {
      shown: 'shown on this page',
      'shown.control': 'in the A/B test’s holdout (control): an impression is recorded, nothing is drawn',
      'shown.busy': 'due, but held back on screen: another message was still open (Message Suppressed, site.busy). Close it, then reload',
      trigger: 'waiting for its trigger',
      loading: 'the campaign list is loading',
      off: 'campaigns are off (no consent, or data-campaigns="false")',
      unknown: 'not delivered: paused, archived or deleted in the console',
      schedule: 'outside its schedule',
      'site.busy': 'due, but held back on screen: another message was still open (Message Suppressed). Close it, then reload',
      'site.gap': 'held back: another message showed less than the site’s gap ago (5 s here). Reload to try again',
      'site.session': 'held back: this session has had the most messages the site allows',
      'site.chat': 'held back while the chat is open',
      'frequency.session': 'shown as often as it may be in one session',
      'frequency.cooldown': 'resting after its last showing',
      'frequency.day': 'shown as often as it may be in a day',
      'frequency.lifetime': 'shown as often as it may ever be',
      'frequency.dismissed': 'not again after a dismissal',
      'frequency.converted': 'not again after a conversion',
      audience: 'this visitor or page is outside its audience',
      missing: 'the SDK is still loading, or blocked'
    },
    ja: {
      shown: 'このページで表示済み',
      'shown.control': 'A/B テストのホールドアウト（コントロール）：表示は記録されますが、何も表示されません',
      'shown.busy': '表示予定でしたが、ほかのメッセージが開いていたため保留されました（Message Suppressed、site.busy）。閉じてから再読み込みしてください',
      trigger: 'トリガー待ち',
      loading: 'キャンペーン一覧を読み込み中',
      off: 'キャンペーンはオフ（同意がないか、data-campaigns="false"）',
      unknown: '配信されていません：コンソールで一時停止、アーカイブ、または削除済み',
      schedule: 'スケジュール外',
      'site.busy': '表示予定でしたが、ほかのメッセージが開いていたため保留されました（Message Suppressed）。閉じてから再読み込みしてください',
      'site.gap': '保留：直前のメッセージからサイトの間隔（ここでは 5 秒）がたっていません。再読み込みしてもう一度',
      'site.session': '保留：このセッションで表示できるメッセージ数の上限に達しました',
      'site.chat': '保留：チャットが開いています',
      'frequency.session': '1 セッションの表示回数の上限に達しました',
      'frequency.cooldown': '前回の表示後の休止中',
      'frequency.day': '1 日の表示回数の上限に達しました',
      'frequency.lifetime': '表示回数の上限に達しました',
      'frequency.dismissed': '閉じられたため、再表示しません',
      'frequency.converted': 'コンバージョン済みのため、再表示しません',
      audience: 'この訪問者またはページはオーディエンスの対象外',
      missing: 'SDK の読み込み中か、ブロックされています'
    }
  };
  var whyWords = japanese ? WHY.ja : WHY.en;
  var whyLines = document.querySelectorAll('[data-demo-why]');
  // campaignId → 'control' or 'busy', from this page's Message Shown / Message Suppressed events.
  var outcome = {};
  function explain(id, code) {
    var words = whyWords[code] || (code.indexOf('audience.') === 0 ? whyWords.audience : '');
    if (code === 'shown' && outcome[id]) words = whyWords['shown.' + outcome[id]];
    return words ? code + ' — ' + words : code;
  }
  function showWhy() {
    var campaigns = window.kizuna && window.kizuna.campaigns;
    Array.prototype.forEach.call(whyLines, function (line) {
      var id = line.getAttribute('data-demo-why');
      var text;
      try {
        text = campaigns && typeof campaigns.why === 'function' ? explain(id, String(campaigns.why(id))) : whyWords.missing;
      } catch (error) {
        text = whyWords.missing;
      }
      // textContent, never innerHTML: the answer is only ever shown as text.
      if (line.textContent !== text) line.textContent = text;
    });
  }
  function noteOutcome(message) {
    if (message.type === 'page') outcome = {};
    var props = (message.type === 'track' && message.properties) || {};
    if (!props.campaignId) return;
    if (message.event === 'Message Shown') outcome[props.campaignId] = props.variantId === 'control' ? 'control' : '';
    if (message.event === 'Message Suppressed' && props.reason === 'site.busy') outcome[props.campaignId] = 'busy';
  }
  if (whyLines.length) {
    showWhy();
    setInterval(showWhy, 1000);
  }

  var log = document.getElementById('kizuna-log');
  if (!log && !whyLines.length) return;

  function describe(message) {
    var page = (message && message.context && message.context.page) || {};
    if (message.type === 'track') {
      var props = message.properties || {};
      var detail = props.plan ? ' plan=' + props.plan : props.href ? ' ' + props.href : props.name ? ' ' + props.name : '';
      // Campaign events: which message, which arm of its test, and why (Message Suppressed, Message Dismissed).
      if (props.campaignId) {
        detail = ' ' + props.campaignId + (props.variantId ? ' [' + props.variantId + ']' : '') +
          (props.reason ? ' (' + props.reason + ')' : '') + (props.answer !== undefined ? ' answer=' + props.answer : '');
      }
      return 'track  ' + message.event + detail;
    }
    if (message.type === 'page') return 'page   ' + (page.path || '') + (page.search || '');
    if (message.type === 'identify') return 'identify ' + (message.userId || '');
    return String(message.type);
  }

  function add(text) {
    if (!log) return;
    var item = document.createElement('li');
    item.textContent = text;
    log.appendChild(item);
    while (log.children.length > 30) log.removeChild(log.firstChild);
    log.scrollTop = log.scrollHeight;
  }

  var attached = false;
  function attach() {
    var kizuna = window.kizuna;
    if (attached || !kizuna || typeof kizuna.on !== 'function') return;
    attached = true;
    try {
      kizuna.on('event', function (message) {
        add(describe(message));
        noteOutcome(message);
        if (whyLines.length) showWhy();
      });
      kizuna.on('delivered', function (info) {
        add('✓ delivered ' + ((info && info.count) || 0) + ' to the collector');
      });
    } catch (error) {
      // The demo note is decoration: never let it break the page.
    }
  }

  attach();
  if (!attached) {
    var tag = document.querySelector('script[src$="/kizuna.js"]');
    if (tag) tag.addEventListener('load', attach);
  }
})();
