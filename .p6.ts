import { generateNetwork } from './src/cli/bench-analysis';
import { compileNetwork } from './src/analysis';
const c = generateNetwork(1_000_000);
for (let i = 0; i < 4; i++) { const u = process.cpuUsage(); const t = performance.now(); compileNetwork(c); const d = process.cpuUsage(u); console.log('compact wall', (performance.now() - t).toFixed(0), 'cpu', ((d.user + d.system) / 1000).toFixed(0)); }
