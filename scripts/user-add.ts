import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../common/roles.ts';
import { openServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';

/**
 * `npm run user:add -- --username sam --name "Sam Smith" --role technician`
 * The password comes from --password, or TWINVENTORY_PASSWORD, or the first line of standard input,
 * so it need not appear in shell history. The password policy applies (createUser checks it): at
 * least 12 characters, not the username, not one of the most common passwords.
 */
const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', default: 'technician' },
    password: { type: 'string' },
  },
});
const fail = (message: string): never => {
  console.error(message);
  console.error(
    'Usage: npm run user:add -- --username NAME --name "Display Name" --role technician|planner|admin [--password P]\nThe password needs at least 12 characters and must not be a common one.',
  );
  process.exit(1);
};
const username = values.username ?? fail('--username is required');
const role = (ROLES as readonly string[]).includes(values.role ?? '')
  ? (values.role as Role)
  : fail(`--role must be one of ${ROLES.join(', ')}`);
let password = values.password ?? process.env.TWINVENTORY_PASSWORD;
if (password === undefined) {
  if (process.stdin.isTTY) process.stdout.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (String(chunk).includes('\n')) break;
  }
  password = Buffer.concat(chunks).toString('utf8').split('\n')[0]?.trim() ?? '';
}
const config = loadConfig();
const services = await openServices({
  databaseUrl: config.DATABASE_URL,
  databaseAuthToken: config.DATABASE_AUTH_TOKEN,
});
try {
  const id = await services.auth.createUser({
    username,
    displayName: values.name ?? username,
    role,
    password,
  });
  console.log(`Created ${role} ${username} (id ${id}).`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  await services.writer.close();
  services.db.close();
}
