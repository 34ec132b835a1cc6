import { beforeAll, describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';

describe.each(BACKENDS)('audit log on $name', (backend) => {
  const fx = useFixture(backend);
  beforeAll(async () => {
    if (!backend.available) return;
    await fx().as.technician.stock.pick.mutate({
      itemId: fx().items.bolt,
      locationId: fx().bins.a,
      qty: 2,
      idempotencyKey: 'audit-pick-0001',
    });
  });

  test.skipIf(!backend.available)('every change is in the audit log and the chain verifies', async () => {
    const recent = await fx().as.admin.audit.recent.query({ limit: 5 });
    expect(recent[0]).toMatchObject({
      action: 'stock.pick',
      entity: 'item',
      entityId: String(fx().items.bolt),
      actorId: fx().users.technician,
    });
    const verdict = await fx().as.admin.audit.verify.query();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.checked).toBeGreaterThanOrEqual(6);
  });

  test.skipIf(!backend.available)('changing one audit row by hand is detected at that row', async () => {
    // The receipt of 100 bolts, with later entries after it, so the break is in the middle of the chain.
    const rows = await fx().app.services.db.reader.execute(
      "SELECT id FROM audit_log WHERE action = 'stock.receive' ORDER BY id LIMIT 1",
    );
    const target = Number(rows.rows[0]?.id);
    // What someone with file access might try: quietly change what a past entry says.
    await fx().app.services.db.writer.execute({
      sql: `UPDATE audit_log SET data = replace(data, '"qty":100', '"qty":10') WHERE id = ?`,
      args: [target],
    });
    const changed = await fx().app.services.db.reader.execute({
      sql: 'SELECT data FROM audit_log WHERE id = ?',
      args: [target],
    });
    expect(String(changed.rows[0]?.data)).toContain('"qty":10');
    expect(await fx().as.admin.audit.verify.query()).toMatchObject({
      ok: false,
      brokenAtId: target,
      reason: 'its content does not match its hash',
    });
  });

  test.skipIf(!backend.available)('the ledger rejects edits and deletes of past movements', async () => {
    await expect(fx().app.services.db.writer.execute('UPDATE movements SET qty = 0')).rejects.toThrow(
      /append-only/,
    );
    await expect(fx().app.services.db.writer.execute('DELETE FROM movements')).rejects.toThrow(/append-only/);
  });
});
