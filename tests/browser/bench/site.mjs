// The council's site for the timing bench: one origin that serves the bench pages and the
// reference bundle itself, and passes everything else (the widget's files, the API) to the
// local `feedback` server untouched, compression included.
//
// Why one origin in front of both: Chromium refuses a page that is not on a local address
// (as a page answered by Playwright's routing is not) a request to a loopback address
// ("Local Network Access"), and a routed response would skip the network emulation the
// bench is about. Behind one real origin every byte crosses the emulated network, and the
// widget's requests are same-origin, as on a council site that hosts it.

import { createServer, request } from 'node:http';

/**
 * Starts the site on a free loopback port. `pages` maps a path to its HTML; `bundle` is the
 * reference's bytes (`raw`, `br`, `gzip`) served at `/reference/formbricks-surveys.js`;
 * every other path is proxied to `upstream` (an origin).
 */
export async function startSite({ pages, bundle, upstream }) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const pathname = new URL(req.url, 'http://site').pathname;
    if (pathname in pages) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pages[pathname]);
      return;
    }
    if (pathname === '/reference/formbricks-surveys.js') {
      const accepts = String(req.headers['accept-encoding'] || '');
      const encoding = ['br', 'gzip'].find((e) => accepts.includes(e));
      res.writeHead(200, {
        'content-type': 'text/javascript',
        'cache-control': 'no-store',
        vary: 'Accept-Encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(encoding ? bundle[encoding] : bundle.raw);
      return;
    }
    const forward = request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bench site: upstream failed: ${e.message}`);
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
