import { openServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { hasUsers } from '../server/db/users.repository.ts';
import { seedSampleFacility } from './seed/seed-database.ts';

/** `npm run seed`: fills an empty database (DATABASE_URL) with the sample facility. */
const config = loadConfig();
const services = await openServices({
  databaseUrl: config.DATABASE_URL,
  databaseAuthToken: config.DATABASE_AUTH_TOKEN,
});
if (await hasUsers(services.db.reader)) {
  console.error(
    `${config.DATABASE_URL} already holds data; seed only an empty database (delete the file to start over).`,
  );
  process.exit(1);
}
const summary = await seedSampleFacility(services, { seed: config.SEED, log: (m) => console.log(m) });
console.log(JSON.stringify(summary));
await services.writer.close();
services.db.close();
