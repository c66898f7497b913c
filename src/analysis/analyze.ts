/**
 * The entry point of the analysis: any accepted network in, a ChainAnalysis out.
 * Pure: the input is never modified, and the result does not change afterwards.
 */
import { ChainAnalysis } from './analysis';
import { compileNetwork, type NetworkInput } from './compile';
import { solveAvailability } from './propagate';

/** Compiles the input (unless it is compiled already) and computes availability: O(V + E). */
export function analyze(input: NetworkInput): ChainAnalysis {
  const net = compileNetwork(input);
  return new ChainAnalysis(net, solveAvailability(net, net.status.slice()));
}
