#!/usr/bin/env node
// The container health check (the Dockerfile's HEALTHCHECK, docker-compose.yml): GET
// /api/ready of this container, exit 0 when it answers 200 (store, Redis and analysis ready),
// 1 otherwise. Node's own fetch, since the image has neither curl nor wget.
// Usage: node scripts/healthcheck.js [port]   (default: $PORT, else 8080; a worker's is
// its LINKAGE_METRICS_PORT)
const port = process.argv[2] || process.env.PORT || '8080';
fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(4_000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);
