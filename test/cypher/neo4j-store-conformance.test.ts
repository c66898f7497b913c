/**
 * The store conformance suite against the Neo4j adapter on the in-memory fake driver: the
 * adapter's own code (batching, counters, seqs, mapping, revision rules) meets the contract.
 * The same suite runs against a real server in neo4j-store.integration.test.ts.
 */
import { Neo4jStore } from '../../src/graph/neo4j';
import { describeStoreConformance } from '../store-conformance';
import { FakeNeo4j } from './fake-neo4j';

const fakes = new WeakMap<object, FakeNeo4j>();

describeStoreConformance(
  'neo4j (fake driver)',
  async (opts) => {
    const fake = new FakeNeo4j();
    const store = new Neo4jStore({ driver: fake.asDriver(), ...opts });
    fakes.set(store, fake);
    return store;
  },
  {
    // Pruning runs right after the entry is created: failing it must take the entry (and the write) back.
    async breakChangeLog(store) {
      fakes.get(store)!.beforeRun = (name) => {
        if (name === 'prune-changes') throw new Error('change log broken');
      };
    },
  },
  async (store) => new Neo4jStore({ driver: fakes.get(store)!.asDriver() }),
);
