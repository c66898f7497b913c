/**
 * The browsable API page at /api/docs: Swagger UI (swagger-ui-dist) over /api/openapi.json.
 * No inline script, so it works under the Content-Security-Policy.
 */
import express, { type Router } from 'express';
import { absolutePath } from 'swagger-ui-dist';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>linkage API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });`;

export function docsRouter(): Router {
  const router = express.Router();
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  router.use('/api/docs/assets', express.static(absolutePath(), { index: false, maxAge: '1d' }));
  return router;
}
