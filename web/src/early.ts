/**
 * The answers the server asked the browser to fetch with the page: index.html's
 * `<link rel="preload" as="fetch">` (src/server/web-preload.ts: `GET /api/me`,
 * and the home screen's answer for a user who may read it), started before the
 * app's code has even loaded.
 *
 * Each is taken over here as soon as this module runs (a `fetch()` of the same
 * address, which the browser answers from its preload), then handed once to
 * the API client's first GET of that very address (`takeEarly`). What the app
 * has not asked for within a few seconds, or before its first write (signing
 * in or out included: `forgetEarly`), is dropped: a later GET goes to the
 * server, as would any.
 */

/** How long an answer fetched with the page may stand in for a request of the app. */
const KEPT_MS = 10_000;

const early = new Map<string, Promise<Response>>();

for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')) {
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin) continue;
  const address = `${url.pathname}${url.search}`;
  // The same mode and credentials as the preload (crossorigin), or the browser would fetch it again.
  const response = fetch(address, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  // A failure is the app's to report when it takes the answer; unclaimed, it is nobody's.
  response.catch(() => undefined);
  early.set(address, response);
}
if (early.size > 0) window.setTimeout(() => early.clear(), KEPT_MS);

/** The answer to `GET address` fetched with the page, once; undefined when there is none (any more). */
export function takeEarly(address: string): Promise<Response> | undefined {
  const response = early.get(address);
  early.delete(address);
  return response;
}

/** Drops every answer not yet taken: after a write they may be out of date. */
export function forgetEarly(): void {
  early.clear();
}
