/** Starts linkage: `npm start` and `linkage serve`. Shuts down cleanly on SIGTERM/SIGINT. */
import { createServices, listen, type ServiceOptions } from '../runtime/context';
import { importUseCase } from '../runtime/use-cases';
import { DEFAULTS, loadConfig } from '../shared/config';
import { generateScenario } from '../scenario';

export type ServeRole = 'all' | 'api' | 'worker';

/** Loads the 2020 demonstration scenario as of the day of the source figure. */
export const seedDemo: NonNullable<ServiceOptions['seed']> = async (store, services) => {
  const doc = generateScenario({ asOf: DEFAULTS.DEMO_AS_OF });
  const out = await importUseCase({ ...services, store }, doc, 'demo');
  services.log.info({ enterprises: out.enterprises, links: out.links, statusReports: out.statusReports }, 'demo scenario loaded');
};

export async function runServe(opts: { role: ServeRole; port?: number }): Promise<void> {
  const config = loadConfig();
  const services = await createServices(config, { seed: config.demo ? seedDemo : undefined });
  const server = await listen(services, opts.port ?? config.port);
  process.stdout.write(
    `linkage is running at ${server.url}/ (store: ${config.store}, revision ${services.chains.revision})\n` +
      `coordinator token: ${services.adminToken}\n` +
      `try: curl -H "Authorization: Bearer ${services.adminToken}" ${server.url}/api/chains\n`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, 'shutting down');
    await server.close();
    await services.store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
