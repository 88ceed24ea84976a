/*
 * Demo helper (not part of what site owners paste): wires the support page's buttons to the public chat and
 * feedback API, and lists what the Kizuna SDK sends from this tab in the "What this page demonstrates" note,
 * using the public `kizuna.on('event')` API. Text only, never HTML.
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

  var log = document.getElementById('kizuna-log');
  if (!log) return;

  function describe(message) {
    var page = (message && message.context && message.context.page) || {};
    if (message.type === 'track') {
      var props = message.properties || {};
      var detail = props.plan ? ' plan=' + props.plan : props.href ? ' ' + props.href : props.name ? ' ' + props.name : '';
      return 'track  ' + message.event + detail;
    }
    if (message.type === 'page') return 'page   ' + (page.path || '') + (page.search || '');
    if (message.type === 'identify') return 'identify ' + (message.userId || '');
    return String(message.type);
  }

  function add(text) {
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
