/**
 * The web UI for coordinators, liaisons, leads and reporters, served by the API's own
 * express app: `/` is the page, `/assets/*` the bundled script, styles and icon. The page
 * holds no inline script, so a strict Content-Security-Policy (script-src 'self') applies.
 */
import { Router, type Request, type Response } from 'express';
import type { Logger } from '../shared/log';
import { bundle, type Asset } from './bundle';
import { ICON_SVG, indexHtml } from './page';

export { buildBundle } from './bundle';

export interface WebOptions {
  /** Where a failed build is reported. */
  log?: Logger;
}

function send(req: Request, res: Response, a: Asset, immutable: boolean): void {
  res.setHeader('Content-Type', a.contentType);
  res.setHeader('ETag', `"${a.hash}"`);
  // Versioned URLs never change content; anything else is revalidated on each load.
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.headers['if-none-match'] === `"${a.hash}"`) {
    res.status(304).end();
    return;
  }
  res.send(a.body);
}

export function webRouter(opts: WebOptions = {}): Router {
  const router = Router();
  const serve = (pick: (b: Awaited<ReturnType<typeof bundle>>) => Asset) => async (req: Request, res: Response) => {
    try {
      const a = pick(await bundle());
      send(req, res, a, req.query.v === a.hash);
    } catch (err) {
      opts.log?.error({ err }, 'web UI bundle failed to build');
      res.status(500).type('text/plain').send('The web UI could not be built; see the server log.');
    }
  };

  router.get('/', async (req, res) => {
    try {
      const b = await bundle();
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.send(indexHtml({ js: b.js.hash, css: b.css.hash }));
    } catch (err) {
      opts.log?.error({ err }, 'web UI bundle failed to build');
      res.status(500).type('text/plain').send('The web UI could not be built; see the server log.');
    }
  });
  router.get(
    '/assets/app.js',
    serve((b) => b.js),
  );
  router.get(
    '/assets/app.css',
    serve((b) => b.css),
  );
  router.get(
    '/assets/app.js.map',
    serve((b) => b.sourceMap),
  );
  router.get(['/assets/icon.svg', '/favicon.ico'], (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').send(ICON_SVG);
  });
  return router;
}
