import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openServices } from '../server/app.ts';
import { loadAuditKey } from '../server/audit-signing.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { checkpointLine } from '../server/domain/audit-checkpoints.ts';

/**
 * `npm run audit:export -- --to FILE`: writes every signed audit checkpoint as JSON lines, to keep
 * away from the database (another machine, write-once storage). A copy kept elsewhere still catches a
 * rewrite or a truncation that deleted the stored checkpoints too: `npm run audit:verify --
 * --checkpoints FILE`. Prints one JSON line: the count and the public key that checks them.
 */
const { values } = parseArgs({ options: { to: { type: 'string' } } });
if (!values.to) {
  console.error('Usage: npm run audit:export -- --to FILE');
  process.exit(2);
}
try {
  const config = loadConfig();
  const services = await openServices({
    databaseUrl: config.DATABASE_URL,
    databaseAuthToken: config.DATABASE_AUTH_TOKEN,
    auditKey: loadAuditKey({ file: config.AUDIT_KEY_FILE, pem: config.AUDIT_SIGNING_KEY }),
  });
  try {
    const lines: string[] = [];
    let page = await services.audit.checkpoints(0, 1000);
    while (page.checkpoints.length > 0) {
      lines.push(...page.checkpoints.map((c) => `${checkpointLine(c)}\n`));
      page = await services.audit.checkpoints(page.checkpoints.at(-1)?.id ?? 0, 1000);
    }
    // `wx`: an export never replaces an earlier one.
    writeFileSync(values.to, lines.join(''), { flag: 'wx' });
    console.log(
      JSON.stringify({
        to: values.to,
        checkpoints: lines.length,
        keyId: page.keyId,
        publicKey: page.publicKey,
      }),
    );
  } finally {
    await services.writer.close();
    services.voice.close();
    services.db.close();
  }
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Error && 'code' in error && error.code === 'EEXIST')
    console.error(`${values.to} already exists: an export never overwrites a file`);
  else console.error(error);
  process.exit(1);
}
