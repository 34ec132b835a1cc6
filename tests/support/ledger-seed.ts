// Run as a child process (`node --import tsx tests/support/ledger-seed.ts`, with DATABASE_URL and
// AUDIT_KEY_FILE set): makes a picker, two items and two bins with stock, signs the audit log's head as
// a server does when it stops, and prints the ids as JSON. A process of its own
// because the libSQL client lets go of a file only when its statements are garbage-collected: seeded
// in the test's process, the database would stay open there and `npm run restore` would rightly refuse.
import { openServices } from '../../server/app.ts';
import { loadOrCreateAuditKey } from '../../server/audit-signing.ts';
import { loadConfig } from '../../server/config.ts';
import { closeServices } from '../../server/shutdown.ts';
import { createFactories } from './factories.ts';

export type LedgerSeed = {
  username: string;
  stock: { itemId: number; locationId: number }[];
  movements: number;
};

const config = loadConfig();
const services = await openServices({
  databaseUrl: config.DATABASE_URL,
  auditKey: loadOrCreateAuditKey({ file: config.AUDIT_KEY_FILE }),
});
const f = createFactories(services);
const username = 'picker';
await f.newUser('technician', { username });
const items = [(await f.newItem()).id, (await f.newItem()).id];
const bins = [(await f.newBin()).id, (await f.newBin()).id];
const stock = items.flatMap((itemId) => bins.map((locationId) => ({ itemId, locationId })));
for (const s of stock) await f.receive(s.itemId, s.locationId, 1000);
await closeServices(services, () => {});
const seed: LedgerSeed = { username, stock, movements: stock.length };
console.log(JSON.stringify(seed));
