/**
 * Blocked-chain analysis (CONTRACT §2): which enterprises are down or blocked, why (root
 * causes and blocking paths), which down enterprises matter most (bottlenecks), and what a
 * change of statuses would do (what-if, incremental updates). Pure: networks and statuses
 * in, answers out, no I/O.
 *
 * Inputs are a graphology graph (buildSupplyGraph), a store ChainSnapshot, or compact arrays;
 * each is compiled once into a CSR index (compileNetwork) that the linear-time core runs on.
 */
export { buildSupplyGraph, linkKey } from './supply-graph';
export type { EnterpriseAttributes, LinkAttributes, SupplyGraph } from './supply-graph';
export { compileNetwork } from './compile';
export type { CompactNetwork, CompiledNetwork, NetworkInput } from './compile';
export type { IdLookup } from './id-index';
export { analyze } from './analyze';
export { ChainAnalysis } from './analysis';
export type { AnalysisCounts, ChainDetail, ChainSummary, LeaderStateChange, LostPart, RootCause, SupplierState } from './analysis';
export type { Bottleneck } from './bottlenecks';
export type { Availability, ChainState } from './codes';
export { whatIf } from './what-if';
export type { WhatIfScenario } from './what-if';
export type { AddedLink } from './added-links';
export { IncrementalAnalysis } from './incremental';
export type { NetworkChanges } from './incremental';
export { upstream } from './lead-view';
export type { UpstreamEnterprise, UpstreamTier, UpstreamView } from './upstream';
export { AlternateSuppliers, alternateSuppliers, DEFAULT_ALTERNATES_LIMIT, MAX_ALTERNATES_LIMIT } from './alternates';
export type { AlternateCandidate, AlternateGroup, AlternatesAnswer, EnterpriseFacts } from './alternates';
export { ROLE_NAMES } from './codes';
export { Runway, NO_RUNWAY, dayNumber, dayDate, daysBetween } from './runway-report';
export type { CurrentInventory, LeaderRunway, RunwayFacts } from './runway-report';
export { configureRootSearch, rootSearchStats, stopRootSearchHelper } from './parallel-search';
export type { RootSearchOptions, RootSearchStats } from './parallel-search';
