import { parseArgs } from 'node:util';
import { BackupError, backupDatabase } from '../server/backup.ts';
import { ConfigError, loadConfig } from '../server/config.ts';

/**
 * `npm run backup -- --to FILE`: a consistent copy of the database named by DATABASE_URL, taken while
 * the server runs. Prints one JSON line: the file, its size and the newest movement and audit entry
 * it holds. Never overwrites a file.
 */
const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (!values.to) {
  console.error('Usage: npm run backup -- --to FILE');
  process.exit(2);
}
try {
  const config = loadConfig();
  const result = await backupDatabase({
    databaseUrl: config.DATABASE_URL,
    to: values.to,
    now: () => Date.now(),
  });
  console.log(JSON.stringify(result));
} catch (error) {
  // Refusals and bad configuration are sentences for the operator; anything else is a bug worth its stack.
  if (error instanceof BackupError || error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
