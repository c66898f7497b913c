/**
 * The lead view as a free function, for callers that hold a network rather than an analysis.
 */
import { ChainAnalysis } from './analysis';
import { analyze } from './analyze';
import type { NetworkInput } from './compile';
import type { UpstreamView } from './upstream';

/** The supplier tree of `id` by tier (tier 1 = direct suppliers), with statuses and availability. */
export function upstream(input: ChainAnalysis | NetworkInput, id: string, maxDepth?: number): UpstreamView {
  const analysis = input instanceof ChainAnalysis ? input : analyze(input);
  return analysis.upstream(id, maxDepth);
}
