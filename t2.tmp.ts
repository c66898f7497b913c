import { Queue, Worker, Job } from 'bullmq';
import { Redis } from 'ioredis';
(async () => {
  const prefix = 'lk-probe-' + process.pid;
  const conn = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const q = new Queue('analysis', { connection: conn, prefix });
  const seen: any[] = [];
  const w = new Worker('analysis', async (job: Job) => { seen.push(job.data); await new Promise(r => setTimeout(r, 200)); }, { connection: new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null }), prefix, concurrency: 1 });
  w.on('error', e => console.log('werr', e.message));
  for (let i = 1; i <= 5; i++) { const j = await q.add('analyze', { revision: i }, { deduplication: { id: 'analysis', keepLastIfActive: true } }); console.log('add', i, j?.id); await new Promise(r => setTimeout(r, 60)); }
  await new Promise(r => setTimeout(r, 1500));
  console.log('seen', JSON.stringify(seen));
  const j = await q.upsertJobScheduler('sweep', { every: 300 }, { name: 'sweep', data: {} });
  console.log('sched', j?.id);
  await new Promise(r => setTimeout(r, 1000));
  console.log('seen', JSON.stringify(seen));
  await w.close(); await q.obliterate({ force: true }); await q.close(); await conn.quit();
  const c2 = new Redis(); console.log(await c2.keys(prefix + '*')); await c2.quit();
})();
