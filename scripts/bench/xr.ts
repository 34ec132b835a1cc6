/**
 * `npm run -s bench -- xr`: main-thread CPU time per XR frame of the AR guide, in headless Chromium
 * with an emulated Meta Quest 3 (IWER) on the demo warehouse (5,280 bins), against an empty
 * @react-three/xr scene measured in the same run.
 *
 * How: an init script wraps the XR session's requestAnimationFrame so every frame callback (three's
 * XR loop: R3F's useFrame callbacks, the guide's frame loop and the render call issuing WebGL commands)
 * is timed with performance.now() inside the page. The emulator's own per-frame work runs outside the
 * callback and is not counted. The guide is entered in AR, aligned by injecting marker TM99E1-0007,
 * and the emulated headset walks the route to bin A-12-1 and back at walking pace while frames are
 * recorded. Needs a built client (`npx vite build`, or BENCH_CLIENT_DIR) and Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sirv from 'sirv';
import { BUILT_CLIENT_DIR } from '../../server/app.ts';
import { launchBrowser } from '../../tests/support/browser.ts';
import { installIwer } from '../../tests/support/iwer.ts';
import { PASSWORD, startFixture } from '../../tests/support/test-app.ts';
import { tempDatabaseUrl } from '../../tests/support/tmp-db.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';

const TARGET_MEDIAN_MS = 4;
const WALK_SPEED_M_S = 1.4;
const MIN_WALK_MS = 12_000;
const VIEWPORT = { width: 1280, height: 900 };
/** Where the emulated session lies in the building (the app finds it from the marker). */
const TRUTH = { yaw: (30 * Math.PI) / 180, tx: 1.5, tz: -2 };
const MARKER = { code: 'TM99E1-0007', x: 10.7, y: 1.4, z: 14 };

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(values: readonly number[]) {
  return {
    frames: values.length,
    median: round(quantile(values, 0.5), 3),
    p95: round(quantile(values, 0.95), 3),
    max: round(quantile(values, 1), 3),
  };
}

/** Times each XR frame callback; `recording` is switched on for the walk only. */
const INSTRUMENT = `(() => {
  const bench = { times: [], stamps: [], recording: false };
  window.__xrBench = bench;
  const xr = navigator.xr;
  if (!xr) return;
  const request = xr.requestSession.bind(xr);
  xr.requestSession = async (...args) => {
    const session = await request(...args);
    const raf = session.requestAnimationFrame.bind(session);
    session.requestAnimationFrame = (cb) =>
      raf((t, frame) => {
        const t0 = performance.now();
        try {
          cb(t, frame);
        } finally {
          if (bench.recording) {
            bench.times.push(performance.now() - t0);
            bench.stamps.push(t0);
          }
        }
      });
    return session;
  };
})();`;

type BenchState = { times: number[]; stamps: number[]; recording: boolean };

/**
 * Walks the emulated head along `route` (twin coordinates) and back, at walking pace, for at least
 * `minMs`; runs in the page so the headset moves every 16 ms regardless of the test driver.
 */
function walkInPage(args: {
  route: { x: number; z: number }[];
  speed: number;
  minMs: number;
  truth: { yaw: number; tx: number; tz: number };
}): Promise<void> {
  const { route, speed, minMs, truth } = args;
  const there = [...route, ...[...route].reverse()];
  const lengths: number[] = [];
  let total = 0;
  for (let i = 0; i + 1 < there.length; i++) {
    const a = there[i];
    const b = there[i + 1];
    const l = a && b ? Math.hypot(b.x - a.x, b.z - a.z) : 0;
    lengths.push(l);
    total += l;
  }
  const device = (
    window as unknown as {
      __xrDevice: {
        position: { set(x: number, y: number, z: number): void };
        quaternion: { set(x: number, y: number, z: number, w: number): void };
      };
    }
  ).__xrDevice;
  const bench = (window as unknown as { __xrBench: { recording: boolean } }).__xrBench;
  const c = Math.cos(truth.yaw);
  const s = Math.sin(truth.yaw);
  return new Promise((resolve) => {
    const started = performance.now();
    bench.recording = true;
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      let d = ((elapsed / 1000) * speed) % Math.max(total, 0.01);
      let i = 0;
      while (i < lengths.length - 1 && d > (lengths[i] ?? 0)) {
        d -= lengths[i] ?? 0;
        i++;
      }
      const a = there[i] ?? { x: 0, z: 0 };
      const b = there[i + 1] ?? a;
      const l = lengths[i] || 1;
      const x = a.x + ((b.x - a.x) * d) / l;
      const z = a.z + ((b.z - a.z) * d) / l;
      device.position.set(x * c + z * s + truth.tx, 1.6, -x * s + z * c + truth.tz);
      // Face the way of walking (twin heading turned into XR space; yaw 0 looks along -Z).
      const yaw = Math.atan2(b.x - a.x, b.z - a.z) - truth.yaw + Math.PI;
      device.quaternion.set(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
      if (elapsed >= minMs && elapsed >= (total / speed) * 1000) {
        clearInterval(timer);
        bench.recording = false;
        resolve();
      }
    }, 16);
  });
}

const benchState = (page: Page) =>
  page.evaluate(() => (window as unknown as { __xrBench: BenchState }).__xrBench);

function frameFigures(state: BenchState) {
  const intervals = state.stamps.slice(1).map((t, i) => t - (state.stamps[i] ?? t));
  return { cpuMsPerFrame: summary(state.times), frameIntervalMs: summary(intervals) };
}

async function measureGuide(browser: Browser, clientDir: string) {
  const db = await tempDatabaseUrl();
  const fx = await startFixture(db.url, undefined, { clientDir });
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });
    const bin = await fx.app.services.inventory.location({ code: 'A-12-1' });
    await fx.app.services.ledger.post({
      op: { kind: 'receive', itemId: fx.items.bolt, locationId: bin.id, qty: 50 },
      actorId: fx.users.admin,
    });
    await installIwer(context);
    await context.addInitScript({ content: INSTRUMENT });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/guide?bin=A-12-1')}`);
    await page.getByTestId('login-username').fill('tech');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('guide-start-ar').click();
    await page.waitForFunction(() => (window.__xrGuide?.snapshot().xrFrames ?? 0) > 5);
    const c = Math.cos(TRUTH.yaw);
    const s = Math.sin(TRUTH.yaw);
    const toXr = (x: number, y: number, z: number) => ({
      x: x * c + z * s + TRUTH.tx,
      y,
      z: -x * s + z * c + TRUTH.tz,
    });
    const head = toXr(MARKER.x, 1.6, MARKER.z - 1.5);
    await page.evaluate((h) => {
      const d = (
        window as unknown as { __xrDevice: { position: { set(x: number, y: number, z: number): void } } }
      ).__xrDevice;
      d.position.set(h.x, 1.6, h.z);
    }, head);
    // The guide reads the head pose in its next XR frames.
    await page.waitForTimeout(500);
    await page.evaluate(
      ({ marker, code, yaw }) => window.__xrGuide?.injectMarker(code, { position: marker, yaw }),
      { marker: toXr(MARKER.x, MARKER.y, MARKER.z), code: MARKER.code, yaw: Math.PI + TRUTH.yaw },
    );
    await page.waitForFunction(
      ({ x, z }) => {
        const r = window.__xrGuide?.snapshot().route?.[0];
        return r !== undefined && Math.hypot(r.x - x, r.z - z) < 0.6;
      },
      { x: MARKER.x, z: MARKER.z - 1.5 },
    );
    const route = (await page.evaluate(() => window.__xrGuide?.snapshot().route)) ?? [];
    await page.waitForTimeout(1000);
    await page.evaluate(walkInPage, { route, speed: WALK_SPEED_M_S, minMs: MIN_WALK_MS, truth: TRUTH });
    const state = await benchState(page);
    const guide = await page.evaluate(() => window.__xrGuide?.snapshot());
    return {
      ...frameFigures(state),
      routeLengthM: round(
        route.reduce(
          (a, p, i) =>
            a + (i > 0 ? Math.hypot(p.x - (route[i - 1]?.x ?? p.x), p.z - (route[i - 1]?.z ?? p.z)) : 0),
          0,
        ),
      ),
      cuesAnnounced: guide?.fired ?? [],
    };
  } finally {
    await context.close();
    await fx.app.close();
    await db.cleanup();
  }
}

/** Builds the empty-scene page with Vite into a temp dir. */
async function buildBaseline(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    logLevel: 'error',
    root: join(import.meta.dirname, 'xr-empty'),
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
}

async function measureBaseline(browser: Browser, dir: string) {
  const statics = sirv(dir, { single: true });
  const server = createServer((req, res) =>
    statics(req, res, () => {
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await installIwer(context);
    await context.addInitScript({ content: INSTRUMENT });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(
      () => typeof (window as unknown as { __enterAR?: unknown }).__enterAR === 'function',
    );
    await page.evaluate(() => (window as unknown as { __enterAR: () => Promise<unknown> }).__enterAR());
    await page.waitForTimeout(1000);
    const route = [
      { x: MARKER.x, z: MARKER.z - 1.5 },
      { x: 3.7, z: 12.5 },
      { x: 3.7, z: 20 },
    ];
    await page.evaluate(walkInPage, { route, speed: WALK_SPEED_M_S, minMs: MIN_WALK_MS, truth: TRUTH });
    return frameFigures(await benchState(page));
  } finally {
    await context.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function runXrBench(): Promise<object> {
  const clientDir = process.env.BENCH_CLIENT_DIR ?? BUILT_CLIENT_DIR;
  if (!existsSync(join(clientDir, 'index.html'))) {
    throw new Error(
      `The web client is not built: ${join(clientDir, 'index.html')} is missing. Run \`npx vite build\` first.`,
    );
  }
  const baselineDir = await mkdtemp(join(tmpdir(), 'tv-xr-empty-'));
  const browser = await launchBrowser();
  try {
    console.error('xr bench: building the empty-scene baseline…');
    await buildBaseline(baselineDir);
    console.error('xr bench: guide on the demo warehouse…');
    const guide = await measureGuide(browser, clientDir);
    console.error('xr bench: empty XR scene…');
    const empty = await measureBaseline(browser, baselineDir);
    return {
      environment: {
        browser: `Chromium ${browser.version()} headless, WebGL through SwiftShader, IWER ${'metaQuest3'} (ipd 0)`,
        viewport: VIEWPORT,
        measured:
          'main-thread time inside each XR frame callback (performance.now(), 100 µs resolution without cross-origin isolation)',
        walk: `${WALK_SPEED_M_S} m/s along the route to A-12-1 and back, at least ${MIN_WALK_MS / 1000} s`,
      },
      guideDemoWarehouse: guide,
      emptyXrScene: empty,
      guideMinusEmptyMedianMs: round(guide.cpuMsPerFrame.median - empty.cpuMsPerFrame.median, 3),
      target: {
        medianMs: TARGET_MEDIAN_MS,
        measured: guide.cpuMsPerFrame.median,
        met: guide.cpuMsPerFrame.median < TARGET_MEDIAN_MS,
      },
    };
  } finally {
    await browser.close();
    await rm(baselineDir, { recursive: true, force: true });
  }
}
