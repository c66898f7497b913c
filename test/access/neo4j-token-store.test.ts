/**
 * How the Neo4j token store drives the database: statements, transactions, parameters, and what
 * it makes of failures and of unreadable data. Runs on the in-memory fake driver; the contract
 * itself is checked by the conformance suite (test/access/token-store-conformance.ts).
 */
import { Neo4jError, error as driverErrors } from 'neo4j-driver';
import type { TokenRecord } from '../../src/access';
import { FakeNeo4j } from '../cypher/fake-neo4j';
import { initialisedOnFake, itOwnsOnlyTheDriverItIsGiven, rejection } from '../cypher/fake-setup';
import { cypherScript } from '../../src/infra/neo4j/cypher';
import { Neo4jTokenStore, toTokenRecord } from '../../src/access/neo4j-token-store';
import { createNeo4jTokenStore } from '../../src/access';

const record: TokenRecord = { id: 'tok_1', role: 'lead', actor: 'lead:E1', enterprise: 'E1', createdAt: '2020-03-24T08:00:00.000Z' };

const setup = () => initialisedOnFake((driver) => createNeo4jTokenStore({ driver }));

describe('Neo4jTokenStore.init', () => {
  it('applies each statement of token-schema.cypher in its own write transaction, then creates the audit counter', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jTokenStore({ driver: fake.asDriver() }).init();
    expect(fake.names()).toEqual(['token-schema', 'token-schema', 'init-counters']);
    expect(fake.state.schema).toEqual(cypherScript('token-schema'));
    expect(fake.state.counters).toEqual({ audit_seq: 0 });
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(3);
    expect(fake.log.every((e) => e.mode === 'WRITE')).toBe(true);
  });

  it('declares id and hash unique', () => {
    const statements = cypherScript('token-schema');
    expect(statements).toEqual([expect.stringMatching(/REQUIRE t\.id IS UNIQUE$/), expect.stringMatching(/REQUIRE t\.hash IS UNIQUE$/)]);
  });
});

describe('Neo4jTokenStore writes', () => {
  it('inserts in one write transaction with its audit entry, sending null for every absent field', async () => {
    const { fake, store } = await setup();
    await store.insert({ hash: 'h1', record }, 'admin');
    expect(fake.log[0]).toEqual({
      name: 'insert-token',
      mode: 'WRITE',
      tx: expect.any(Number),
      params: { id: 'tok_1', hash: 'h1', role: 'lead', actor: 'lead:E1', province: null, enterprise: 'E1', createdAt: record.createdAt, expiresAt: null },
    });
    expect(fake.names()).toEqual(['insert-token', 'advance-counters', 'create-audit-entry']);
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(1);
    expect(fake.state.audit).toEqual([expect.objectContaining({ seq: 1, actor: 'admin', action: 'token.create', target: 'tok_1' })]);
    expect(fake.state.tokens).toEqual([{ id: 'tok_1', hash: 'h1', role: 'lead', actor: 'lead:E1', enterprise: 'E1', createdAt: record.createdAt }]);
  });

  it('a repeated hash is a conflict, and nothing is stored', async () => {
    const { fake, store } = await setup();
    await store.insert({ hash: 'h1', record });
    const err = await rejection(store.insert({ hash: 'h1', record: { ...record, id: 'tok_2' } }));
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/^neo4j token insert failed \(Neo\.ClientError\.Schema\.ConstraintValidationFailed\)/) });
    expect(fake.state.tokens.map((t) => t.id)).toEqual(['tok_1']);
  });

  it('revokes in a write transaction and answers from the match count', async () => {
    const { fake, store } = await setup();
    await store.insert({ hash: 'h1', record });
    fake.log.length = 0;
    expect(await store.revoke('tok_1', '2020-03-25T00:00:00.000Z')).toBe(true);
    expect(await store.revoke('tok_9', '2020-03-25T00:00:00.000Z')).toBe(false);
    expect(fake.log.filter((e) => e.name === 'revoke-token').map((e) => [e.name, e.mode, e.params])).toEqual([
      ['revoke-token', 'WRITE', { id: 'tok_1', at: '2020-03-25T00:00:00.000Z' }],
      ['revoke-token', 'WRITE', { id: 'tok_9', at: '2020-03-25T00:00:00.000Z' }],
    ]);
    // Only the revocation that revoked something is audited, in its own transaction.
    expect(fake.state.audit.map((a) => [a.action, a.target])).toEqual([
      ['token.create', 'tok_1'],
      ['token.revoke', 'tok_1'],
    ]);
  });
});

describe('Neo4jTokenStore reads', () => {
  it('finds by hash and lists in read transactions', async () => {
    const { fake, store } = await setup();
    await store.findByHash('h1');
    await store.list();
    expect(fake.log.map((e) => [e.name, e.mode, e.params])).toEqual([
      ['find-token', 'READ', { hash: 'h1' }],
      ['list-tokens', 'READ', {}],
    ]);
  });

  it('an unreadable stored token is an internal error naming it', async () => {
    const { fake, store } = await setup();
    fake.state.tokens.push({ id: 'tok_bad', hash: 'h', role: 'lead', createdAt: 'x' });
    expect(await rejection(store.findByHash('h'))).toMatchObject({
      code: 'internal',
      message: 'neo4j store holds an unreadable token "tok_bad": actor is missing, expected a string',
    });
  });

  it('when the database is unavailable, the store is not ready, retriable, and sessions are closed', async () => {
    const { fake, store } = await setup();
    fake.failNext.push(new Neo4jError('connection lost', driverErrors.SERVICE_UNAVAILABLE as never, '08000', 'connection exception'));
    const err = await rejection(store.list());
    expect(err).toMatchObject({ code: 'not_ready', retriable: true, message: 'neo4j token list failed (ServiceUnavailable): connection lost' });
    expect(fake.sessionsOpen).toBe(0);
  });
});

describe('toTokenRecord', () => {
  it('keeps the hash out and absent fields absent', () => {
    expect(toTokenRecord({ id: 't', hash: 'secret-hash', role: 'coordinator', actor: 'a', createdAt: 'c', province: null })).toEqual({
      id: 't',
      role: 'coordinator',
      actor: 'a',
      createdAt: 'c',
    });
  });

  it('refuses a field of the wrong type', () => {
    expect(() => toTokenRecord({ id: 't', role: 'lead', actor: 'a', createdAt: 'c', expiresAt: 5 })).toThrow(
      'neo4j store holds an unreadable token "t": expiresAt is a number, expected a string',
    );
  });
});

describe('Neo4jTokenStore lifecycle', () => {
  itOwnsOnlyTheDriverItIsGiven(createNeo4jTokenStore);
});
