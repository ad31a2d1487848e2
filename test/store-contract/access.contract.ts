/**
 * The contract of who may use tipwire (tokens, users, offices) and of a reporter's
 * way back (receipts, messages), through the asynchronous port only.
 */
import { describe, expect, it } from 'vitest';
import type { AsyncStore } from '../../src/store/port.js';
import type { StoredMessage, TokenFilter } from '../../src/store/store.js';
import { newReport, sealedBytes, storedToken, T0, user } from './fixtures.js';
import { refused, useStore, walk, type OpenStore } from './harness.js';

/** Office o_n (North), users alice (in it) and bob. */
async function seedPeople(s: AsyncStore) {
  await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
  await s.users.insert(user({ id: 'u_alice', name: 'alice', officeId: 'o_n' }));
  await s.users.insert(user({ id: 'u_bob', name: 'bob' }));
}

export function accessContract(open: OpenStore) {
  const store = useStore(open);

  describe('tokens', () => {
    it('gives back every field of a token as inserted', async () => {
      const s = store();
      await seedPeople(s);
      const t = storedToken({
        id: 't_full',
        roles: ['office', 'analyst'],
        label: 'night shift',
        revokedAt: T0 + 3,
        userId: 'u_alice',
        officeId: 'o_n',
        expiresAt: T0 + 3_600_000,
        lastUsedAt: T0 + 1,
        createdAt: T0,
      });
      await s.tokens.insert(t);
      const { createdAt: _createdAt, ...stored } = t;
      expect(await s.tokens.get('t_full')).toStrictEqual(stored);
      expect(await s.tokens.get('t_none')).toBeNull();
    });

    it('lists newest first without the secret, with the user name, page by page', async () => {
      const s = store();
      await seedPeople(s);
      await s.tokens.insert(storedToken({ id: 't1', createdAt: T0 }));
      await s.tokens.insert(storedToken({ id: 't2', createdAt: T0 + 1, userId: 'u_alice' }));
      await s.tokens.insert(storedToken({ id: 't3', createdAt: T0 + 1 }));
      await s.tokens.insert(storedToken({ id: 't4', createdAt: T0 + 2, label: 'ci' }));
      const first = await s.tokens.list(1);
      expect(first.items).toStrictEqual([
        {
          id: 't4',
          roles: ['analyst'],
          label: 'ci',
          revokedAt: null,
          userId: null,
          userName: null,
          officeId: null,
          expiresAt: null,
          lastUsedAt: null,
          createdAt: T0 + 2,
        },
      ]);
      const idsOf = (pages: { id: string }[][]) => pages.map((p) => p.map((t) => t.id));
      expect(idsOf(await walk((after) => s.tokens.list(2, after)))).toEqual([
        ['t4', 't3'],
        ['t2', 't1'],
      ]);
      expect(idsOf(await walk((after) => s.tokens.list(3, after)))).toEqual([
        ['t4', 't3', 't2'],
        ['t1'],
      ]);
      expect(idsOf(await walk((after) => s.tokens.list(5, after)))).toEqual([
        ['t4', 't3', 't2', 't1'],
      ]);
      const alice = (await s.tokens.list(10, undefined, { userId: 'u_alice' })).items;
      expect(alice.map((t) => [t.id, t.userName])).toEqual([['t2', 'alice']]);
    });

    it.each([
      [{ kind: 'session' }, ['t_s2', 't_s1']],
      [{ kind: 'api' }, ['t_api']],
      [{ userId: 'u_bob' }, ['t_s2']],
      [{ userId: 'u_bob', kind: 'api' }, []],
      [{}, ['t_s2', 't_api', 't_s1']],
    ] as [TokenFilter, string[]][])('filters the list by %j', async (filter, expected) => {
      const s = store();
      await seedPeople(s);
      await s.tokens.insert(storedToken({ id: 't_s1', userId: 'u_alice', createdAt: T0 }));
      await s.tokens.insert(storedToken({ id: 't_api', createdAt: T0 + 1 }));
      await s.tokens.insert(storedToken({ id: 't_s2', userId: 'u_bob', createdAt: T0 + 2 }));
      const listed = (await s.tokens.list(10, undefined, filter)).items.map((t) => t.id);
      expect(listed).toEqual(expected);
    });

    it('revokes a live token once: true the first time, false after or when unknown', async () => {
      const s = store();
      await s.tokens.insert(storedToken({ id: 't1' }));
      expect(await s.tokens.revoke('t1', T0 + 5)).toBe(true);
      expect(await s.tokens.revoke('t1', T0 + 9)).toBe(false);
      expect(await s.tokens.revoke('t_none', T0)).toBe(false);
      expect((await s.tokens.get('t1'))!.revokedAt).toBe(T0 + 5);
    });

    it('revokes every live token of one user, and says how many', async () => {
      const s = store();
      await seedPeople(s);
      await s.tokens.insert(storedToken({ id: 'a1', userId: 'u_alice' }));
      await s.tokens.insert(storedToken({ id: 'a2', userId: 'u_alice' }));
      await s.tokens.insert(storedToken({ id: 'a3', userId: 'u_alice', revokedAt: T0 }));
      await s.tokens.insert(storedToken({ id: 'b1', userId: 'u_bob' }));
      expect(await s.tokens.revokeForUser('u_alice', T0 + 7)).toBe(2);
      expect(await s.tokens.revokeForUser('u_alice', T0 + 8)).toBe(0);
      const revokedAt = async (id: string) => (await s.tokens.get(id))!.revokedAt;
      expect([await revokedAt('a1'), await revokedAt('a2'), await revokedAt('a3')]).toEqual([
        T0 + 7,
        T0 + 7,
        T0,
      ]);
      expect(await revokedAt('b1')).toBeNull();
    });

    it('records when a token was last accepted', async () => {
      const s = store();
      await s.tokens.insert(storedToken({ id: 't1', lastUsedAt: T0 }));
      await s.tokens.touch('t1', T0 + 60_000);
      expect((await s.tokens.get('t1'))!.lastUsedAt).toBe(T0 + 60_000);
    });

    it('purges tokens expired or revoked strictly before now', async () => {
      const s = store();
      const now = T0 + 1000;
      await s.tokens.insert(storedToken({ id: 'exp_before', expiresAt: now - 1 }));
      await s.tokens.insert(storedToken({ id: 'exp_at', expiresAt: now }));
      await s.tokens.insert(storedToken({ id: 'rev_before', revokedAt: now - 1 }));
      await s.tokens.insert(storedToken({ id: 'rev_at', revokedAt: now }));
      await s.tokens.insert(storedToken({ id: 'forever' }));
      expect(await s.tokens.purgeExpired(now)).toBe(2);
      const left = (await s.tokens.list(10)).items.map((t) => t.id).sort();
      expect(left).toEqual(['exp_at', 'forever', 'rev_at']);
      expect(await s.tokens.purgeExpired(now + 1)).toBe(2);
    });
  });

  describe('users and offices', () => {
    it('gives back a user by id and by name (any case); lists by name', async () => {
      const s = store();
      await seedPeople(s);
      await s.users.insert(user({ id: 'u_carol', name: 'Carol', roles: ['supervisor', 'admin'] }));
      const carol = {
        id: 'u_carol',
        name: 'Carol',
        passwordHash: 'scrypt$u_carol',
        roles: ['supervisor', 'admin'],
        officeId: null,
        disabledAt: null,
      };
      expect(await s.users.get('u_carol')).toStrictEqual(carol);
      expect(await s.users.byName('carol')).toStrictEqual(carol);
      expect(await s.users.byName('CAROL')).toStrictEqual(carol);
      expect(await s.users.get('u_none')).toBeNull();
      expect(await s.users.byName('dave')).toBeNull();
      expect((await s.users.list()).map((u) => u.name)).toEqual(['alice', 'bob', 'Carol']);
      expect((await s.users.get('u_alice'))!.officeId).toBe('o_n');
    });

    it('refuses a second user with the same name in another case', async () => {
      const s = store();
      await seedPeople(s);
      await refused(() => s.users.insert(user({ id: 'u_other', name: 'ALICE' })));
      expect(await s.users.get('u_other')).toBeNull();
    });

    it('disables and enables a user, and changes a password hash', async () => {
      const s = store();
      await seedPeople(s);
      await s.users.setDisabled('u_bob', T0 + 4);
      expect((await s.users.get('u_bob'))!.disabledAt).toBe(T0 + 4);
      await s.users.setDisabled('u_bob', null);
      expect((await s.users.get('u_bob'))!.disabledAt).toBeNull();
      await s.users.setPasswordHash('u_bob', 'scrypt$new');
      expect((await s.users.byName('bob'))!.passwordHash).toBe('scrypt$new');
      expect((await s.users.get('u_alice'))!.passwordHash).toBe('scrypt$u_alice');
    });

    it('gives back an office by id and by name (any case); lists by name; refuses a same name', async () => {
      const s = store();
      await s.offices.insert({ id: 'o_s', name: 'south', createdAt: T0 + 1 });
      await s.offices.insert({ id: 'o_n', name: 'North', createdAt: T0 });
      expect(await s.offices.get('o_s')).toStrictEqual({
        id: 'o_s',
        name: 'south',
        createdAt: T0 + 1,
      });
      expect(await s.offices.byName('NORTH')).toStrictEqual({
        id: 'o_n',
        name: 'North',
        createdAt: T0,
      });
      expect(await s.offices.get('o_none')).toBeNull();
      expect((await s.offices.list()).map((o) => o.id)).toEqual(['o_n', 'o_s']);
      await refused(() => s.offices.insert({ id: 'o_x', name: 'SOUTH', createdAt: T0 }));
      expect(await s.offices.list()).toHaveLength(2);
    });
  });

  describe('receipts and messages', () => {
    it("finds a receipt by lookup, and a report's receipts", async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await s.reports.insert(newReport({ id: 'r2' }));
      const hash = sealedBytes('secret', 32);
      await s.receipts.insert('L1', hash, 'r1', T0);
      await s.receipts.insert('L2', sealedBytes('other', 32), 'r1', T0 + 1);
      expect(await s.receipts.get('L1')).toStrictEqual({ secretHash: hash, reportId: 'r1' });
      expect(await s.receipts.get('L9')).toBeNull();
      expect((await s.receipts.forReport('r1')).sort()).toEqual(['L1', 'L2']);
      expect(await s.receipts.forReport('r2')).toEqual([]);
      await refused(() => s.receipts.insert('L1', hash, 'r2', T0));
      expect((await s.receipts.get('L1'))!.reportId).toBe('r1');
    });

    it("gives a report's messages by time, then in order of insertion, sealed bodies intact", async () => {
      const s = store();
      await s.reports.insert(newReport({ id: 'r1' }));
      await s.reports.insert(newReport({ id: 'r2' }));
      const message = (id: string, createdAt: number, reportId = 'r1'): StoredMessage => ({
        id,
        reportId,
        author: id.startsWith('q') ? 'operator' : 'reporter',
        authorId: id.startsWith('q') ? 'user:alice' : null,
        bodySealed: sealedBytes(id),
        createdAt,
      });
      const later = message('q2', T0 + 5);
      const tieFirst = message('a1', T0);
      const tieSecond = message('q1', T0);
      for (const m of [later, tieFirst, tieSecond, message('x', T0, 'r2')]) {
        await s.messages.insert(m);
      }
      expect(await s.messages.forReport('r1')).toStrictEqual([tieFirst, tieSecond, later]);
      expect(await s.messages.forReport('r_none')).toEqual([]);
    });
  });
}
