import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DomainError } from '../common/errors.ts';
import { openServices } from '../server/app.ts';
import { loadAuditKey } from '../server/audit-signing.ts';
import { ConfigError, loadConfig } from '../server/config.ts';

/**
 * `npm run audit:verify -- [--checkpoints FILE]`: checks the audit log's hash chain and every signed
 * checkpoint, the stored ones and those of an exported file, with the server's key (AUDIT_KEY_FILE or
 * AUDIT_SIGNING_KEY). Prints the verdict as JSON; exits 1 when the log and its checkpoints disagree.
 * Only reads: it runs beside a live server.
 */
const { values } = parseArgs({ options: { checkpoints: { type: 'string' } } });
try {
  const config = loadConfig();
  const auditKey = loadAuditKey({ file: config.AUDIT_KEY_FILE, pem: config.AUDIT_SIGNING_KEY });
  const services = await openServices({
    databaseUrl: config.DATABASE_URL,
    databaseAuthToken: config.DATABASE_AUTH_TOKEN,
    auditKey,
  });
  try {
    const verdict = values.checkpoints
      ? await services.audit.verifyExport(readFileSync(values.checkpoints, 'utf8'))
      : await services.audit.verify();
    console.log(JSON.stringify(verdict, null, 2));
    if (!verdict.ok) process.exitCode = 1;
  } finally {
    await services.writer.close();
    services.voice.close();
    services.db.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}
