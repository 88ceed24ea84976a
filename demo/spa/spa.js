/*
 * Tsumiki demo app: a tiny single-page app with history routing under /spa/.
 * Views are <template> elements in index.html, cloned as DOM (no innerHTML). Links marked data-spa-link
 * navigate with history.pushState; the filter writes ?q= with replaceState (same page, so no new page view).
 */
(function () {
  'use strict';
  var ROUTES = {
    '/spa/': { view: 'view-dashboard', title: 'Dashboard · Tsumiki app' },
    '/spa/settings': { view: 'view-settings', title: 'Settings · Tsumiki app' },
    '/spa/billing': { view: 'view-billing', title: 'Billing · Tsumiki app' },
  };
  var NOT_FOUND = { view: 'view-not-found', title: 'Not found · Tsumiki app' };
  var outlet = document.getElementById('app-view');
  if (!outlet) return;

  function routeFor(pathname) {
    var path = pathname.replace(/\/+$/, '');
    if (path === '/spa' || path === '/spa/index.html') path = '/spa/';
    return ROUTES[path] || NOT_FOUND;
  }

  function setCurrentLink() {
    var links = document.querySelectorAll('.app-nav a');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      if (routeFor(new URL(link.href).pathname) === routeFor(location.pathname)) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  function applyFilter(view, q) {
    var items = view.querySelectorAll('.checklists li');
    var shown = 0;
    var needle = q.trim().toLowerCase();
    for (var i = 0; i < items.length; i++) {
      var match = !needle || items[i].textContent.toLowerCase().indexOf(needle) !== -1;
      items[i].hidden = !match;
      if (match) shown++;
    }
    var empty = view.querySelector('[data-empty]');
    if (empty) empty.hidden = shown > 0;
  }

  function wireDashboard() {
    var input = outlet.querySelector('#filter');
    if (!input) return;
    var q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    applyFilter(outlet, q);
    input.addEventListener('input', function () {
      var params = new URLSearchParams(location.search);
      if (input.value) params.set('q', input.value);
      else params.delete('q');
      var search = params.toString();
      // Only the query string changes: the SDK keeps this as the same page (no page view).
      history.replaceState(history.state, '', location.pathname + (search ? '?' + search : '') + location.hash);
      applyFilter(outlet, input.value);
    });
  }

  function wireSettings() {
    var form = outlet.querySelector('[data-settings-form]');
    if (!form) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var saved = form.querySelector('[data-saved]');
      if (saved) saved.hidden = false;
    });
  }

  function render(focus) {
    var route = routeFor(location.pathname);
    var template = document.getElementById(route.view);
    document.title = route.title;
    while (outlet.firstChild) outlet.removeChild(outlet.firstChild);
    if (template && template.content) outlet.appendChild(template.content.cloneNode(true));
    setCurrentLink();
    wireDashboard();
    wireSettings();
    if (focus) {
      var heading = outlet.querySelector('h1');
      if (heading) heading.focus();
    }
  }

  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('a[data-spa-link]') : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var url = new URL(link.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    if (url.pathname + url.search === location.pathname + location.search) return;
    // Title first, so the page view the SDK records on pushState carries the new page's title.
    document.title = routeFor(url.pathname).title;
    history.pushState({}, '', url.pathname + url.search + url.hash);
    render(true);
  });

  window.addEventListener('popstate', function () {
    render(true);
  });

  render(false);
})();
