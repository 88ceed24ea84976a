/*
 * Test probe, loaded before kizuna.js. It installs the documented stub (verbatim from the contract) and
 * queues kizuna.on('event') so that every message the SDK creates, from the first page view on, is reported
 * to the test through the __kizunaSeen binding and kept in window.__kizunaEvents. An external file, so the
 * strict-CSP page can use it too.
 */
!function(w,k){k=w.kizuna=w.kizuna||{q:[]};"page track identify reset consent flush on".split(" ").forEach(function(n){k[n]=k[n]||function(){k.q.push([n,[].slice.call(arguments),location.href,document.title,document.referrer,Date.now()])}})}(window);
window.__kizunaEvents = [];
window.kizuna.on('event', function (message) {
  window.__kizunaEvents.push(message);
  if (typeof window.__kizunaSeen === 'function') window.__kizunaSeen(message);
});
