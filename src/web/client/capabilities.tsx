/**
 * What this server offers, read once from its OpenAPI description: the UI works against
 * servers with and without the newer routes and filters (the enterprise search, `sme`,
 * runway, alternates, requests, reporting) without probing them with failing requests.
 */
import type { Api } from './api';

export interface Capabilities {
  /** GET /api/enterprises?q= */
  search: boolean;
  /** `sme` on /api/stats/resumption */
  sme: boolean;
  runway: boolean;
  alternates: boolean;
  requests: boolean;
  reporting: boolean;
}

interface OpenApi {
  paths: Record<string, { get?: { parameters?: Array<{ name: string }> }; post?: unknown }>;
}

const NONE: Capabilities = { search: false, sme: false, runway: false, alternates: false, requests: false, reporting: false };
const cache = new WeakMap<Api, Promise<Capabilities>>();

export function capabilities(api: Api): Promise<Capabilities> {
  let p = cache.get(api);
  if (!p) {
    p = api.get<OpenApi>('/api/openapi.json').then(
      (spec) => {
        const has = (path: string) => path in spec.paths;
        const params = (path: string) => spec.paths[path]?.get?.parameters?.map((x) => x.name) ?? [];
        return {
          search: !!spec.paths['/api/enterprises']?.get,
          sme: params('/api/stats/resumption').includes('sme'),
          runway: has('/api/runway'),
          alternates: has('/api/chains/{leaderId}/alternates'),
          requests: has('/api/requests'),
          reporting: has('/api/stats/reporting'),
        };
      },
      () => NONE,
    );
    cache.set(api, p);
  }
  return p;
}
