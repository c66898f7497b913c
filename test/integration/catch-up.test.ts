/** Two processes on one store: each one's analysis follows the other's writes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDocument } from '../../src/graph';
import { createServices } from '../../src/runtime/context';
import { reportStatusUseCase } from '../../src/runtime/use-cases';
import { loadConfig } from '../../src/shared/config';

describe('analysis catch-up across processes sharing a store', () => {
  it('an analysis follows imports and status reports written by another process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-catchup-'));
    const config = loadConfig({ LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: 'catch-up-token-0123456789', LINKAGE_REVISION_POLL_MS: '20' });
    const a = await createServices(config);
    const b = await createServices(config);
    try {
      await importDocument(
        a.store,
        {
          enterprises: [
            { id: 'L1', name: 'L1', role: 'leader', industry: 'automotive', province: '440000', status: 'resumed' },
            { id: 'S1', name: 'S1', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' },
          ],
          links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }],
        },
        { actor: 'a', now: new Date() },
      );
      const seen = await b.chains.view(1);
      expect(seen.analysis.chainState('L1')).toBe('clear');
      const { revision } = await reportStatusUseCase(a, 'S1', { status: 'suspended' }, 'a');
      const later = await b.chains.view(revision);
      expect(later.revision).toBe(revision);
      expect(later.analysis.chainState('L1')).toBe('blocked');
    } finally {
      for (const s of [a, b]) {
        s.chains.stopWatching();
        await s.store.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
