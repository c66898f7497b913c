/** The HTTP server over the services the composition root (src/runtime/context.ts) builds. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Services } from '../runtime/services';
import { createApp } from './app';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function listen(services: Services, port: number, host?: string): Promise<RunningServer> {
  return serveApp(createApp(services), port, host);
}

/** Serves an express app (or any request listener) on `port` (0: any free one) of every interface, or of `host`. */
export async function serveApp(app: http.RequestListener, port: number, host?: string): Promise<RunningServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host ?? 'localhost'}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
