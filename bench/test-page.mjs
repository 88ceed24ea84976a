// The one test page every contender is measured on: a small pricing page with links and a button.

const BODY = `<main><h1>Pricing</h1><p>Three plans. Pick one.</p>
<ul><li><a href="/signup?plan=free">Free</a></li><li><a href="/signup?plan=pro">Pro</a></li><li><a href="https://example.org/">Elsewhere</a></li></ul>
<button id="cta">Start</button></main>`;

/** The test page's HTML with `head` (a library's tag or snippet) in its head. */
export const testPage = (head, title = 'Pricing') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${BODY}</body></html>`;
