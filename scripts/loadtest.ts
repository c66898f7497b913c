/**
 * Load test (autocannon) against the demo store, in separate processes so the load
 * generator does not share the server's event loop:
 *   1. an Express hello-world, for scale;
 *   2. GET /api/chains/:leaderId, 100 connections for 30 s;
 *   3. a mixed profile: chain, chains, bottlenecks, enterprise reads and status writes.
 * Usage: npx tsx scripts/loadtest.ts [--seconds 30] [--connections 100]
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, connections: { type: 'string', default: '100' } } });
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ROOT = path.resolve(__dirname, '..');

function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/[\w.:]+)\/?/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

async function run(name: string, opts: autocannon.Options): Promise<autocannon.Result> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `${name.padEnd(34)} ${Math.round(result.requests.average).toLocaleString('en').padStart(7)} req/s  ` +
      `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  errors ${errors} (non-2xx ${result.non2xx}, timeouts ${result.timeouts})`,
  );
  return result;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-load-'));
  const token = 'loadtest-coordinator-token-0123456789';
  const hello = await start(
    [
      '-e',
      "const e=require('express');const a=e();a.get('/',(q,r)=>r.json({hello:'world'}));const s=a.listen(0,'127.0.0.1',()=>console.log('http://127.0.0.1:'+s.address().port))",
    ],
    {},
  );
  const linkage = await start([path.join(ROOT, 'scripts/linkage.js'), 'serve', '--port', '0'], {
    LINKAGE_DATA_DIR: dataDir,
    LINKAGE_ADMIN_TOKEN: token,
    LINKAGE_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
  });
  try {
    const headers = { authorization: `Bearer ${token}` };
    // Only writes carry a body: a content-type on a bodiless GET makes autocannon stall connections.
    const writeHeaders = { ...headers, 'content-type': 'application/json' };
    const chains = (await (await fetch(`${linkage.url}/api/chains`, { headers })).json()) as { chains: Array<{ leader: string; state: string }> };
    const leader = chains.chains.find((c) => c.state === 'blocked')?.leader ?? chains.chains[0].leader;
    const suppliers = ((await (await fetch(`${linkage.url}/api/bottlenecks`, { headers })).json()) as { bottlenecks: Array<{ id: string }> }).bottlenecks.map((b) => b.id);
    console.log(`linkage load test — ${CONNECTIONS} connections, ${SECONDS} s each, node ${process.version}, ${os.cpus().length} cores`);
    const base = await run('express hello-world', { url: `${hello.url}/` });
    const chain = await run(`GET /api/chains/${leader}`, { url: `${linkage.url}/api/chains/${leader}`, headers });
    let n = 0;
    await run('mixed (80% reads, 20% status writes)', {
      url: linkage.url,
      headers,
      requests: [
        {
          setupRequest: (req) => {
            n++;
            const k = n % 10;
            const get = (path: string): autocannon.Request => ({ ...req, method: 'GET', path, headers, body: undefined });
            if (k < 4) return get(`/api/chains/${leader}`);
            if (k === 4) return get('/api/chains');
            if (k === 5) return get('/api/bottlenecks');
            if (k < 8) return get(`/api/enterprises/${suppliers[n % suppliers.length]}`);
            const id = suppliers[n % suppliers.length];
            const body = JSON.stringify({ status: n % 20 < 10 ? 'resumed' : 'suspended', asOf: '2020-03-24' });
            return { ...req, method: 'PUT', path: `/api/enterprises/${id}/status`, headers: writeHeaders, body } as autocannon.Request;
          },
        },
      ],
    });
    console.log(`ratio GET chain / hello-world: ${(chain.requests.average / base.requests.average).toFixed(2)}`);
  } finally {
    hello.child.kill('SIGTERM');
    linkage.child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
