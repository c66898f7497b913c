/**
 * The token store conformance suite: every TokenStore adapter must pass it (SQLite, Neo4j on
 * the fake driver, Neo4j on a server). `makeStore` gives a store on an empty database, not yet
 * initialised; the suite initialises and closes it.
 */
import { createToken, hashToken, storedTokenResolver, type TokenRecord, type TokenStore } from '../../src/access';
import { ManualClock } from '../../src/shared/clock';

/** Quotes, escapes, statement fragments of both query languages, NUL, astral and bidi text. */
export const HOSTILE = `O'Brien "the \\"quoted\\"" \\ back\\slash; DROP TABLE api_token; -- } ) DETACH DELETE n // $id {x} \n\t\u0000 😷 武汉 \u202eעברית`;

const token = (id: string, over: Partial<TokenRecord> = {}): TokenRecord => ({
  id,
  role: 'coordinator',
  actor: `actor of ${id}`,
  createdAt: '2020-03-24T08:00:00.000Z',
  ...over,
});

export function describeTokenStoreConformance(name: string, makeStore: () => Promise<TokenStore>): void {
  describe(`${name} token store conformance`, () => {
    let store: TokenStore;
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts with no tokens', async () => {
      expect(await store.list()).toEqual([]);
      expect(await store.findByHash(hashToken('anything'))).toBeNull();
    });

    it('finds an inserted token by its hash, with every field and without the hash', async () => {
      const record = token('tok_a', {
        role: 'liaison',
        actor: 'liaison:420000',
        province: '420000',
        createdAt: '2020-03-24T08:00:00.000Z',
        expiresAt: '2020-04-24T08:00:00.000Z',
      });
      await store.insert({ hash: 'h-a', record });
      const found = await store.findByHash('h-a');
      expect(found).toEqual(record);
      expect(Object.keys(found!)).toEqual(['id', 'role', 'actor', 'province', 'createdAt', 'expiresAt']);
    });

    it('leaves absent optional fields absent, never null', async () => {
      await store.insert({ hash: 'h-min', record: token('tok_min') });
      const found = await store.findByHash('h-min');
      expect(found).toEqual(token('tok_min'));
      expect(Object.keys(found!)).toEqual(['id', 'role', 'actor', 'createdAt']);
    });

    it('answers null for an unknown hash, and matches hashes exactly', async () => {
      await store.insert({ hash: 'abc123', record: token('tok_a') });
      expect(await store.findByHash('abc12')).toBeNull();
      expect(await store.findByHash('ABC123')).toBeNull();
      expect(await store.findByHash('abc123 ')).toBeNull();
      expect(await store.findByHash('')).toBeNull();
    });

    it('lists every token oldest first, ties by id, without hashes', async () => {
      await store.insert({ hash: 'h3', record: token('tok_c', { createdAt: '2020-03-25T00:00:00.000Z' }) });
      await store.insert({ hash: 'h1', record: token('tok_b', { createdAt: '2020-03-24T00:00:00.000Z' }) });
      await store.insert({ hash: 'h2', record: token('tok_a', { createdAt: '2020-03-24T00:00:00.000Z' }) });
      await store.insert({ hash: 'h0', record: token('tok_d', { createdAt: '2020-02-01T00:00:00.000Z' }) });
      const listed = await store.list();
      expect(listed.map((t) => t.id)).toEqual(['tok_d', 'tok_a', 'tok_b', 'tok_c']);
      expect(listed.every((t) => !('hash' in t))).toBe(true);
    });

    it('keeps the scope of each role', async () => {
      const records = [
        token('tok_1', { role: 'coordinator', actor: 'national' }),
        token('tok_2', { role: 'liaison', actor: 'hubei', province: '420000' }),
        token('tok_3', { role: 'lead', actor: 'lead:E1', enterprise: 'E1' }),
        token('tok_4', { role: 'reporter', actor: 'reporter:S9', enterprise: 'S9' }),
      ];
      for (const [i, record] of records.entries()) await store.insert({ hash: `h${i}`, record });
      expect(await store.list()).toEqual(records);
    });

    it('round-trips expiry and creation times verbatim', async () => {
      const record = token('tok_e', { createdAt: '2020-03-24T08:00:00.123Z', expiresAt: '2099-12-31T23:59:59.999Z' });
      await store.insert({ hash: 'h-e', record });
      expect(await store.findByHash('h-e')).toEqual(record);
      expect((await store.list())[0]).toEqual(record);
    });

    it('revokes a token: true, and the record carries the time', async () => {
      await store.insert({ hash: 'h-r', record: token('tok_r') });
      await store.insert({ hash: 'h-k', record: token('tok_k') });
      expect(await store.revoke('tok_r', '2020-03-25T10:00:00.000Z')).toBe(true);
      expect(await store.findByHash('h-r')).toEqual({ ...token('tok_r'), revokedAt: '2020-03-25T10:00:00.000Z' });
      expect(await store.findByHash('h-k')).toEqual(token('tok_k'));
      expect((await store.list()).map((t) => [t.id, t.revokedAt])).toEqual([
        ['tok_k', undefined],
        ['tok_r', '2020-03-25T10:00:00.000Z'],
      ]);
    });

    it('revoking again still answers true and keeps the first revocation time', async () => {
      await store.insert({ hash: 'h-r', record: token('tok_r') });
      await store.revoke('tok_r', '2020-03-25T10:00:00.000Z');
      expect(await store.revoke('tok_r', '2020-03-26T10:00:00.000Z')).toBe(true);
      expect((await store.findByHash('h-r'))!.revokedAt).toBe('2020-03-25T10:00:00.000Z');
    });

    it('revoking an unknown id answers false and changes nothing', async () => {
      await store.insert({ hash: 'h-a', record: token('tok_a') });
      expect(await store.revoke('tok_nope', '2020-03-25T10:00:00.000Z')).toBe(false);
      expect(await store.revoke('', '2020-03-25T10:00:00.000Z')).toBe(false);
      expect(await store.list()).toEqual([token('tok_a')]);
    });

    it('refuses a second token with the same id or the same hash, keeping the first', async () => {
      await store.insert({ hash: 'h-a', record: token('tok_a', { actor: 'first' }) });
      // Adapters fail in their own way (SqliteError, LinkageError 'conflict'); that they fail is the contract.
      // Not `.rejects.toThrow()`: better-sqlite3 makes its errors in the realm of the first test file
      // that loaded it, where jest does not recognise them as errors.
      await expect(store.insert({ hash: 'h-b', record: token('tok_a', { actor: 'same id' }) })).rejects.toBeDefined();
      await expect(store.insert({ hash: 'h-a', record: token('tok_b', { actor: 'same hash' }) })).rejects.toBeDefined();
      expect(await store.list()).toEqual([token('tok_a', { actor: 'first' })]);
    });

    it('stores hostile and non-ASCII text verbatim', async () => {
      const record = token(`tok_${HOSTILE}`, { role: 'lead', actor: HOSTILE, enterprise: `E-${HOSTILE}`, createdAt: HOSTILE, expiresAt: `${HOSTILE}!` });
      await store.insert({ hash: `hash ${HOSTILE}`, record });
      expect(await store.findByHash(`hash ${HOSTILE}`)).toEqual(record);
      expect(await store.list()).toEqual([record]);
      expect(await store.revoke(record.id, HOSTILE)).toBe(true);
      expect((await store.findByHash(`hash ${HOSTILE}`))!.revokedAt).toBe(HOSTILE);
    });

    it('init is idempotent and keeps the tokens', async () => {
      await store.insert({ hash: 'h-a', record: token('tok_a') });
      await store.init();
      expect(await store.findByHash('h-a')).toEqual(token('tok_a'));
    });

    it('serves the token resolver: a created token resolves until it is revoked or expires', async () => {
      const clock = new ManualClock('2020-03-24T08:00:00Z');
      const resolver = storedTokenResolver(store, clock);
      const lead = await createToken(store, { role: 'lead', enterprise: 'E1', expiresAt: '2020-03-25T08:00:00Z' }, clock);
      const liaison = await createToken(store, { role: 'liaison', province: '420000', actor: 'hubei desk' }, clock);
      expect(await resolver.resolve(lead.token)).toEqual({ role: 'lead', actor: 'lead:E1', enterprise: 'E1' });
      expect(await resolver.resolve(liaison.token)).toEqual({ role: 'liaison', actor: 'hubei desk', province: '420000' });
      expect(await resolver.resolve(`${lead.token}x`)).toBeNull();

      expect(await store.revoke(liaison.record.id, clock.now().toISOString())).toBe(true);
      expect(await resolver.resolve(liaison.token)).toBeNull();
      clock.set('2020-03-25T08:00:00Z');
      expect(await resolver.resolve(lead.token)).toBeNull();
      expect((await store.list()).map((t) => t.id).sort()).toEqual([lead.record.id, liaison.record.id].sort());
    });
  });
}
