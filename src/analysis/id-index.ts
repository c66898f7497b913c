/** The id → index table lives in shared/ so that stores can build it while reading (graph/snapshot-columns.ts). */
export { IdIndex, type IdLookup } from '../shared/id-index';
