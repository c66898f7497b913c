/**
 * Docker cannot run on the development machines, so what the image and the compose stack
 * promise is checked on their text: no default secrets, Neo4j not published, health checks
 * and healthy dependencies, a final image without compilers that runs as a non-root user.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const dockerfile = fs.readFileSync(path.join(ROOT, 'scripts/Dockerfile'), 'utf8');

/** The lines of one top-level service of docker-compose.yml. */
function service(name: string): string {
  const m = new RegExp(`^  ${name}:\\n((?:    .*\\n|\\s*\\n)*)`, 'm').exec(compose);
  if (!m) throw new Error(`no service ${name} in docker-compose.yml`);
  return m[1];
}

describe('docker-compose.yml', () => {
  it('has no default for a secret: compose refuses to start until they are set', () => {
    for (const secret of ['NEO4J_PASSWORD', 'LINKAGE_ADMIN_TOKEN']) {
      const uses = compose.match(new RegExp(`\\$\\{${secret}[^}]*\\}`, 'g')) ?? [];
      expect(uses.length).toBeGreaterThan(0);
      for (const use of uses) expect(use).toMatch(new RegExp(`^\\$\\{${secret}:\\?`));
    }
    expect(compose).not.toMatch(/change-me|dev-password/);
  });

  it('publishes no Neo4j port', () => {
    expect(service('neo4j')).not.toMatch(/^\s*ports:/m);
  });

  it('gives api and worker health checks, restart policies and healthy dependencies', () => {
    for (const name of ['api', 'worker']) {
      const s = service(name);
      expect(s).toMatch(/healthcheck:\n\s+test: \["CMD", "node", "scripts\/healthcheck.js"/);
      expect(s).toMatch(/restart: unless-stopped/);
      expect(s).toMatch(/neo4j: \{ condition: service_healthy \}/);
      expect(s).toMatch(/redis: \{ condition: service_healthy \}/);
    }
    // The worker's health check asks the listener LINKAGE_METRICS_PORT opens.
    const port = /LINKAGE_METRICS_PORT: "(\d+)"/.exec(service('worker'))?.[1];
    expect(service('worker')).toContain(`"scripts/healthcheck.js", "${port}"]`);
  });
});

describe('scripts/Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages[stages.length - 1];

  it('builds in one stage and runs Node 22 in another, without compilers, as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^node:22-/);
    expect(stages[0]).toMatch(/npm run build/);
    expect(final).not.toMatch(/g\+\+|gcc|make|python3|apt-get install/);
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^HEALTHCHECK .*\n?.*scripts\/healthcheck\.js/m);
    expect(final).toMatch(/ENTRYPOINT \["node", "dist\/src\/cli\/main\.js"\]/);
  });

  it('copies into the final image only what the build made and the health check', () => {
    const copies = final.match(/^COPY .*$/gm) ?? [];
    for (const c of copies) expect(c).toMatch(/--from=build|scripts\/healthcheck\.js/);
  });
});
