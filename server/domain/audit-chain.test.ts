import { describe, expect, test } from 'vitest';
import {
  type AuditContent,
  type AuditEntry,
  GENESIS_HASH,
  hashAuditEntry,
  verifyAuditChain,
} from './audit-chain.ts';

const CONTENTS: AuditContent[] = [
  {
    actorId: 1,
    action: 'item.create',
    entity: 'item',
    entityId: '17',
    data: '{"sku":"BLT-M8"}',
    createdAt: 1_700_000_000_000,
  },
  {
    actorId: 2,
    action: 'stock.receive',
    entity: 'stock',
    entityId: '17|3|',
    data: '{"qty":5}',
    createdAt: 1_700_000_001_000,
  },
  {
    actorId: null,
    action: 'plan.due',
    entity: 'plan',
    entityId: '4',
    data: '{}',
    createdAt: 1_700_000_002_000,
  },
  {
    actorId: 1,
    action: 'wo.status',
    entity: 'work_order',
    entityId: '9',
    data: '{"to":"done"}',
    createdAt: 1_700_000_003_000,
  },
  { actorId: 3, action: 'user.login', entity: 'user', entityId: '3', data: '', createdAt: 1_700_000_004_000 },
];

/** Builds a chain with ids firstId, firstId+1, … continuing from `prevHash`. */
function build(contents: readonly AuditContent[], prevHash = GENESIS_HASH, firstId = 1): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = prevHash;
  contents.forEach((c, i) => {
    const hash = hashAuditEntry(prev, firstId + i, c);
    out.push({ ...c, id: firstId + i, prevHash: prev, hash });
    prev = hash;
  });
  return out;
}

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

const chain = build(CONTENTS);
const IDS = chain.map((e) => e.id);

describe('hashAuditEntry', () => {
  test('is a deterministic sha256 hex digest', () => {
    const c = at(CONTENTS, 0);
    expect(hashAuditEntry(GENESIS_HASH, 1, c)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEntry(GENESIS_HASH, 1, c)).toBe(hashAuditEntry(GENESIS_HASH, 1, { ...c }));
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  test('depends on the previous hash', () => {
    const c = at(CONTENTS, 0);
    expect(hashAuditEntry(GENESIS_HASH, 1, c)).not.toBe(hashAuditEntry('1'.repeat(64), 1, c));
  });

  test('field boundaries are unambiguous', () => {
    const base = at(CONTENTS, 0);
    const a = hashAuditEntry(GENESIS_HASH, 1, { ...base, action: 'ab', entity: 'c' });
    const b = hashAuditEntry(GENESIS_HASH, 1, { ...base, action: 'a', entity: 'bc' });
    expect(a).not.toBe(b);
    expect(hashAuditEntry(GENESIS_HASH, 1, { ...base, actorId: null })).not.toBe(
      hashAuditEntry(GENESIS_HASH, 1, { ...base, actorId: 0 }),
    );
    expect(hashAuditEntry(GENESIS_HASH, 1, { ...base, entityId: '1' })).not.toBe(
      hashAuditEntry(GENESIS_HASH, 1, { ...base, entityId: '1', data: `${base.data} ` }),
    );
  });
});

describe('verifyAuditChain', () => {
  test('an intact chain verifies and reports its last hash', () => {
    expect(verifyAuditChain(chain)).toEqual({ ok: true, checked: 5, lastHash: at(chain, 4).hash });
  });

  test('an empty page verifies and hands back the hash it started from', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0, lastHash: GENESIS_HASH });
    expect(verifyAuditChain([], 'f'.repeat(64))).toEqual({ ok: true, checked: 0, lastHash: 'f'.repeat(64) });
  });

  const FIELD_CHANGES: [string, (e: AuditEntry) => AuditEntry][] = [
    ['actorId', (e) => ({ ...e, actorId: e.actorId === null ? 1 : e.actorId + 1 })],
    ['actorId to null', (e) => ({ ...e, actorId: e.actorId === null ? 0 : null })],
    ['action', (e) => ({ ...e, action: `${e.action}x` })],
    ['entity', (e) => ({ ...e, entity: e.entity.toUpperCase() })],
    ['entityId', (e) => ({ ...e, entityId: `${e.entityId}0` })],
    ['data', (e) => ({ ...e, data: `${e.data} ` })],
    ['createdAt', (e) => ({ ...e, createdAt: e.createdAt + 1 })],
  ];

  describe.each(FIELD_CHANGES)('changing %s', (_field, change) => {
    test.each(IDS.map((id, index) => ({ id, index })))(
      'of entry $id is caught at that entry',
      ({ id, index }) => {
        const tampered = chain.map((e, i) => (i === index ? change(e) : e));
        expect(verifyAuditChain(tampered)).toEqual({
          ok: false,
          checked: index,
          brokenAtId: id,
          reason: 'its content does not match its hash',
        });
      },
    );
  });

  test.each(IDS.map((id, index) => ({ id, index })))(
    'changing the stored hash of entry $id is caught there',
    ({ id, index }) => {
      const tampered = chain.map((e, i) =>
        i === index ? { ...e, hash: e.hash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) } : e,
      );
      const verdict = verifyAuditChain(tampered);
      expect(verdict).toMatchObject({ ok: false, checked: index, brokenAtId: id });
    },
  );

  test.each(IDS.map((id, index) => ({ id, index })))(
    'changing the prevHash of entry $id is caught there',
    ({ id, index }) => {
      const tampered = chain.map((e, i) => (i === index ? { ...e, prevHash: 'e'.repeat(64) } : e));
      expect(verifyAuditChain(tampered)).toEqual({
        ok: false,
        checked: index,
        brokenAtId: id,
        reason: 'does not follow the entry before it',
      });
    },
  );

  test('rewriting an entry and recomputing its hash is caught at the next entry', () => {
    const forged = { ...at(chain, 1), data: '{"qty":500}' };
    forged.hash = hashAuditEntry(forged.prevHash, forged.id, forged);
    const tampered = chain.map((e, i) => (i === 1 ? forged : e));
    expect(verifyAuditChain(tampered)).toEqual({
      ok: false,
      checked: 2,
      brokenAtId: 3,
      reason: 'does not follow the entry before it',
    });
  });

  test('removing a middle entry is caught at the entry after it', () => {
    const tampered = chain.filter((e) => e.id !== 3);
    expect(verifyAuditChain(tampered)).toMatchObject({ ok: false, checked: 2, brokenAtId: 4 });
  });

  test('removing the first entry is caught at the new first entry', () => {
    expect(verifyAuditChain(chain.slice(1))).toMatchObject({ ok: false, checked: 0, brokenAtId: 2 });
  });

  test('removing the last entry changes the last hash a caller compares with its anchor', () => {
    const verdict = verifyAuditChain(chain.slice(0, -1));
    expect(verdict).toEqual({ ok: true, checked: 4, lastHash: at(chain, 3).hash });
    expect(verdict.ok && verdict.lastHash).not.toBe(at(chain, 4).hash);
  });

  test('swapping two entries is caught at the first one out of place', () => {
    const tampered = [at(chain, 0), at(chain, 2), at(chain, 1), at(chain, 3), at(chain, 4)];
    expect(verifyAuditChain(tampered)).toMatchObject({ ok: false, checked: 1, brokenAtId: 3 });
  });

  test('inserting a well-formed entry is caught at the entry after it', () => {
    const after2 = at(chain, 1);
    const content: AuditContent = {
      actorId: 9,
      action: 'stock.adjust',
      entity: 'stock',
      entityId: '17|3|',
      data: '{}',
      createdAt: after2.createdAt + 1,
    };
    const inserted: AuditEntry = {
      ...content,
      id: 100,
      prevHash: after2.hash,
      hash: hashAuditEntry(after2.hash, 100, content),
    };
    const tampered = [...chain.slice(0, 2), inserted, ...chain.slice(2)];
    expect(verifyAuditChain(tampered)).toEqual({
      ok: false,
      checked: 3,
      brokenAtId: 3,
      reason: 'does not follow the entry before it',
    });
  });

  test('inserting an entry that does not link up is caught at the inserted entry', () => {
    const [inserted] = build([at(CONTENTS, 0)], GENESIS_HASH, 100);
    if (inserted === undefined) throw new Error('unreachable');
    const tampered = [...chain.slice(0, 2), inserted, ...chain.slice(2)];
    expect(verifyAuditChain(tampered)).toMatchObject({ ok: false, checked: 2, brokenAtId: 100 });
  });

  test('a chain continues across pages from the previous page’s last hash', () => {
    const page1 = verifyAuditChain(chain.slice(0, 2));
    if (!page1.ok) throw new Error('page 1 should verify');
    expect(verifyAuditChain(chain.slice(2), page1.lastHash)).toEqual({
      ok: true,
      checked: 3,
      lastHash: at(chain, 4).hash,
    });
    expect(verifyAuditChain(chain.slice(2))).toMatchObject({ ok: false, checked: 0, brokenAtId: 3 });
  });

  test('a chain built on top of an earlier head verifies only from that head', () => {
    const head = at(chain, 4).hash;
    const more = build(CONTENTS.slice(0, 2), head, 6);
    expect(verifyAuditChain(more, head)).toEqual({ ok: true, checked: 2, lastHash: at(more, 1).hash });
    expect(verifyAuditChain([...chain, ...more])).toMatchObject({ ok: true, checked: 7 });
    expect(verifyAuditChain(more)).toMatchObject({ ok: false, brokenAtId: 6 });
  });

  test('changing the id of an entry is caught', () => {
    const tampered = chain.map((e) => (e.id === 3 ? { ...e, id: 33 } : e));
    expect(verifyAuditChain(tampered)).toMatchObject({ ok: false, brokenAtId: 33 });
  });
});
