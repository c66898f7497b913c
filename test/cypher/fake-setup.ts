/**
 * What the Neo4j adapters' unit tests share: a store on a fresh fake driver, initialised, with
 * what init() ran cleared from the log; the LinkageError a call fails with; driver ownership.
 */
import type { Driver } from 'neo4j-driver';
import type { Neo4jStoreOptions } from '../../src/graph/neo4j';
import { LinkageError } from '../../src/shared/errors';
import { FakeNeo4j } from './fake-neo4j';

/** `make` builds the store on the fake's driver; the store is initialised and the log emptied. */
export async function initialisedOnFake<S extends { init(): Promise<void> }>(make: (driver: Driver) => S): Promise<{ fake: FakeNeo4j; store: S }> {
  const fake = new FakeNeo4j();
  const store = make(fake.asDriver());
  await store.init();
  fake.log.length = 0;
  return { fake, store };
}

/** The LinkageError `p` rejects with; the test fails when it resolves or rejects otherwise. */
export async function rejection(p: Promise<unknown>): Promise<LinkageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LinkageError);
  return err as LinkageError;
}

/**
 * The driver ownership every Neo4j adapter has: `make` builds one from options, as
 * createNeo4j*Store do. Call inside a describe block.
 */
export function itOwnsOnlyTheDriverItIsGiven(make: (opts: Neo4jStoreOptions) => { close(): Promise<void> }): void {
  it('leaves an injected driver open unless it owns it', async () => {
    const lent = new FakeNeo4j();
    await make({ driver: lent.asDriver() }).close();
    expect(lent.closed).toBe(false);
    const owned = new FakeNeo4j();
    await make({ driver: owned.asDriver(), ownsDriver: true }).close();
    expect(owned.closed).toBe(true);
  });

  it('builds its own driver from a URI, user and password, and closes it', async () => {
    const store = make({ uri: 'neo4j://127.0.0.1:1', user: 'neo4j', password: 'secret' });
    await expect(store.close()).resolves.toBeUndefined();
  });
}
