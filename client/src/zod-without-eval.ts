import { z } from 'zod';

/**
 * Zod compiles object parsers with `new Function` when the page allows it, and probes for that with
 * an `eval` the server's Content-Security-Policy refuses (and the browser reports as a violation).
 * Parsing without compiled parsers is fast enough for a browser's forms and documents. Imported
 * first by main.tsx: the setting is read when each schema is built, at module load.
 */
z.config({ jitless: true });
