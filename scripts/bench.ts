/**
 * `npm run bench -- <name>`: each benchmark prints one JSON document on stdout (progress on stderr).
 * Figures are medians/percentiles from closed-loop load, with a baseline measured in the same run.
 */
const BENCHES: Record<string, () => Promise<unknown>> = {
  api: () => import('./bench/api.ts').then((m) => m.runApiBench()),
  // Picks with 0 vs 1,000 open event streams; 10,000 streams: server memory and delivery time.
  live: () => import('./bench/live.ts').then((m) => m.runLiveBench()),
  tsp: () => import('./bench/tsp.ts').then((m) => m.runTspBench()),
  layout: () => import('./bench/layout.ts').then((m) => m.runLayoutBench()),
  audit: () => import('./bench/audit.ts').then((m) => m.runAuditBench()),
  // Static-file latency while 40 clients send wrong passwords (needs the built client).
  'login-flood': () => import('./bench/login-flood.ts').then((m) => m.runLoginFloodBench()),
  voice: () => import('./bench/voice.ts').then((m) => m.runVoiceBench()),
  // /healthz and pick latency while a layout simulation and a 50,000-bin navmesh build run, vs idle.
  jobs: () => import('./bench/jobs.ts').then((m) => m.runJobsBench()),
  // CSV import: 50,000 items and 100,000 stock rows, dry run and real import, on a temp file database.
  import: () => import('./bench/import.ts').then((m) => m.runImportBench()),
  // The AR guide's CPU time per XR frame (emulated headset, headless Chromium; needs the built client).
  xr: () => import('./bench/xr.ts').then((m) => m.runXrBench()),
  // Navigation figures first, then the 3D page in headless Chromium (needs the built client).
  twin: async () => ({
    navigation: await import('./bench/twin.ts').then((m) => m.runTwinBench()),
    browser: await import('./bench/twin-browser.ts').then((m) => m.runTwinBrowserBench()),
  }),
};

const requested = process.argv[2] ?? '';
const bench = BENCHES[requested];
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
const result = await bench();
console.log(JSON.stringify(result, null, 2));
process.exit(0);

export {};
