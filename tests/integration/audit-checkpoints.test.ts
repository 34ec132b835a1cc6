import { beforeAll, describe, expect, test } from 'vitest';
import { readAuditPage } from '../../server/db/audit.repository.ts';
import { hashAuditEntry, verifyAuditChain } from '../../server/domain/audit-chain.ts';
import { checkpointLine, describeCheckpoint } from '../../server/domain/audit-checkpoints.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import type { Fixture } from '../support/test-app.ts';

let picks = 0;
async function pick(fx: Fixture): Promise<void> {
  picks += 1;
  await fx.as.technician.stock.pick.mutate({
    itemId: fx.items.bolt,
    locationId: fx.bins.a,
    qty: 1,
    idempotencyKey: `checkpoint-pick-${picks}`,
  });
}

async function signHead(fx: Fixture): Promise<void> {
  expect(await fx.app.services.audit.checkpoint()).toMatchObject({ status: 'signed' });
}

/** What someone who can write the database does: changes an entry and re-hashes every later one. */
async function rewriteAndRehash(fx: Fixture, targetId: number): Promise<void> {
  const { reader, writer } = fx.app.services.db;
  const entries = await readAuditPage(reader, 0, 100_000);
  let prev = entries.find((e) => e.id === targetId - 1)?.hash ?? '0'.repeat(64);
  for (const e of entries.filter((x) => x.id >= targetId)) {
    const data = e.id === targetId ? e.data.replace('"qty":100', '"qty":10') : e.data;
    const hash = hashAuditEntry(prev, e.id, { ...e, data });
    await writer.execute({
      sql: 'UPDATE audit_log SET data = ?, prev_hash = ?, hash = ? WHERE id = ?',
      args: [data, prev, hash, e.id],
    });
    prev = hash;
  }
}

describe.each(BACKENDS)('signed audit checkpoints on $name', (backend) => {
  describe('a re-hashed rewrite', () => {
    const fx = useFixture(backend);

    test.skipIf(!backend.available)(
      'the head is signed, once per new entry, and verify checks it',
      async () => {
        await signHead(fx());
        expect(await fx().app.services.audit.checkpoint()).toEqual({
          status: 'skipped',
          reason: 'no entry since the last checkpoint',
        });
        await pick(fx());
        await signHead(fx());
        const exported = await fx().as.admin.audit.checkpoints.query({});
        expect(exported.keyId).toMatch(/^[0-9a-f]{16}$/);
        expect(exported.publicKey).toContain('-----BEGIN PUBLIC KEY-----');
        expect(exported.checkpoints).toHaveLength(2);
        const [, newest] = exported.checkpoints;
        const verdict = await fx().as.admin.audit.verify.query();
        expect(verdict).toMatchObject({
          ok: true,
          checkpoints: {
            checked: 2,
            matching: 2,
            problems: [],
            latest: { id: newest?.id, auditId: newest?.auditId },
          },
        });
        await expect(fx().as.technician.audit.checkpoints.query({})).rejects.toMatchObject({
          data: { httpStatus: 403 },
        });
      },
    );

    test.skipIf(!backend.available)(
      'passes the plain chain check and is detected through the signed checkpoints',
      async () => {
        const { reader } = fx().app.services.db;
        const receipt = await reader.execute(
          "SELECT id FROM audit_log WHERE action = 'stock.receive' AND data LIKE '%\"qty\":100%' ORDER BY id LIMIT 1",
        );
        const target = Number(receipt.rows[0]?.id);
        expect(target).toBeGreaterThan(0);
        await rewriteAndRehash(fx(), target);

        // The chain alone is fooled: every entry follows the one before it.
        const entries = await readAuditPage(reader, 0, 100_000);
        expect(verifyAuditChain(entries)).toMatchObject({ ok: true, checked: entries.length });
        expect(entries.find((e) => e.id === target)?.data).toContain('"qty":10}');

        const [first] = (await fx().as.admin.audit.checkpoints.query({})).checkpoints;
        if (first === undefined) throw new Error('no checkpoint');
        const verdict = await fx().as.admin.audit.verify.query();
        expect(verdict).toMatchObject({
          ok: false,
          checked: entries.length,
          brokenAtId: null,
          reason: `${describeCheckpoint(first)} no longer matches: the log was rewritten at or before that row`,
        });
        expect(verdict.checkpoints.problems.map((p) => p.kind)).toEqual(['rewritten', 'rewritten']);
        // Nor will the server sign the rewritten head.
        expect(await fx().app.services.audit.checkpoint()).toMatchObject({ status: 'refused' });
      },
    );
  });

  describe('a truncation that deletes the checkpoints too', () => {
    const fx = useFixture(backend);
    beforeAll(async () => {
      if (!backend.available) return;
      await signHead(fx());
      await pick(fx());
      await pick(fx());
      await signHead(fx());
    });

    test.skipIf(!backend.available)('is caught by an exported copy of the checkpoints', async () => {
      const { checkpoints } = await fx().as.admin.audit.checkpoints.query({});
      const file = checkpoints.map(checkpointLine).join('\n');
      const [kept, lost] = checkpoints;
      if (kept === undefined || lost === undefined) throw new Error('expected two checkpoints');

      // Remove the newest entries and the checkpoint that named them.
      const { writer } = fx().app.services.db;
      await writer.execute('DROP TRIGGER audit_append_only_delete');
      await writer.execute('DROP TRIGGER audit_checkpoints_append_only_delete');
      await writer.execute({ sql: 'DELETE FROM audit_log WHERE id > ?', args: [kept.auditId] });
      await writer.execute({ sql: 'DELETE FROM audit_checkpoints WHERE id = ?', args: [lost.id] });

      // The database alone cannot tell: what is left is consistent.
      expect(await fx().as.admin.audit.verify.query()).toMatchObject({ ok: true });

      const verdict = await fx().as.admin.audit.verifyExport.mutate({ checkpoints: file });
      expect(verdict).toMatchObject({
        ok: false,
        brokenAtId: null,
        reason: `exported ${describeCheckpoint(lost)} is no longer in the database: checkpoints were deleted`,
      });
      expect(verdict.checkpoints.problems.map((p) => p.kind)).toEqual(['deleted', 'row_missing']);
      expect(verdict.checkpoints.problems[1]?.message).toBe(
        `exported ${describeCheckpoint(lost)} names a row that is no longer in the log: entries were removed at or before that row (after row ${kept.auditId}, where checkpoint ${kept.id} still matches)`,
      );
    });

    test.skipIf(!backend.available)('a file that is not an export is refused, naming the line', async () => {
      await expect(
        fx().as.admin.audit.verifyExport.mutate({ checkpoints: '{"id":1}\n' }),
      ).rejects.toMatchObject({
        message:
          'That is not an exported checkpoint file: line 1: auditId Invalid input: expected number, received undefined',
        data: { httpStatus: 400 },
      });
    });
  });
});
