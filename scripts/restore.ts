import { parseArgs } from 'node:util';
import { loadAuditKey } from '../server/audit-signing.ts';
import { BackupError, restoreDatabase } from '../server/backup.ts';
import { ConfigError, loadConfig } from '../server/config.ts';

/**
 * `npm run restore -- --from FILE`: replaces the database named by DATABASE_URL with a backup. Refuses
 * while a server (or any process) has the database open, and unless the backup passes SQLite's
 * integrity check, the ledger check and the audit check (with the signing key when there is one).
 * The database it replaces is moved aside, never deleted. Prints one JSON line.
 */
const { values } = parseArgs({ options: { from: { type: 'string' } } });
if (!values.from) {
  console.error('Usage: npm run restore -- --from FILE');
  process.exit(2);
}
try {
  const config = loadConfig();
  const result = await restoreDatabase({
    databaseUrl: config.DATABASE_URL,
    from: values.from,
    auditKey: loadAuditKey({ file: config.AUDIT_KEY_FILE, pem: config.AUDIT_SIGNING_KEY }),
    now: new Date(),
  });
  console.log(JSON.stringify(result));
} catch (error) {
  // Refusals and bad configuration are sentences for the operator; anything else is a bug worth its stack.
  if (error instanceof BackupError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
