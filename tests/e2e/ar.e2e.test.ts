import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { installIwer, setHeadPose } from '../support/iwer.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 120_000;

type Snapshot = {
  phase: string;
  mode: string | null;
  aligned: { kind: string; code?: string } | null;
  display: {
    hasRoute: boolean;
    hasPosition: boolean;
    x: number;
    z: number;
    remainingM: number;
    cueText: string | null;
    arrived: boolean;
    staleS: number | null;
  };
  fired: string[];
  xrFrames: number;
  route: { x: number; z: number }[] | null;
};

const snapshot = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __xrGuide: { snapshot(): unknown } }).__xrGuide.snapshot() as Snapshot,
  );

/**
 * Where the emulated session's space lies relative to the building, as a real device would have it
 * after being switched on somewhere in the warehouse: turned 30° and 1.5 m / -2 m off the twin's
 * origin. The test knows it; the app has to find it from the marker.
 */
const TRUTH = { yaw: (30 * Math.PI) / 180, tx: 1.5, tz: -2 };
function toXr(p: { x: number; y?: number; z: number }) {
  const c = Math.cos(TRUTH.yaw);
  const s = Math.sin(TRUTH.yaw);
  return { x: p.x * c + p.z * s + TRUTH.tx, y: p.y ?? 0, z: -p.x * s + p.z * c + TRUTH.tz };
}

/** Points every `step` metres along a polyline. */
function walkPoints(route: { x: number; z: number }[], step: number) {
  const out: { x: number; z: number }[] = [];
  for (let i = 0; i + 1 < route.length; i++) {
    const a = route[i];
    const b = route[i + 1];
    if (a === undefined || b === undefined) continue;
    const len = Math.hypot(b.x - a.x, b.z - a.z);
    for (let d = 0; d < len; d += step)
      out.push({ x: a.x + ((b.x - a.x) * d) / len, z: a.z + ((b.z - a.z) * d) / len });
  }
  const last = route[route.length - 1];
  if (last) out.push(last);
  return out;
}

describe('AR guidance to a bin (emulated Meta Quest 3)', () => {
  const web = useWebApp({
    afterStart: async (fx) => {
      await fx.as.planner.twin.publish.mutate({ document: demoWarehouse() });
      // Bolts six metres into aisle A: from the front of aisle D that is a walk with a turn.
      const bin = await fx.app.services.inventory.location({ code: 'A-12-1' });
      await fx.factories.receive(fx.items.bolt, bin.id, 50);
    },
  });
  const { started, logIn } = web;

  it(
    'enters AR, aligns from a marker, walks the route with turn cues to arrival, picks once, queues a pick offline',
    async () => {
      const { fx } = started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      await installIwer(page.context());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/guide?bin=A-12-1')}`);
      await logIn(page, 'tech', PASSWORD);
      await page.getByTestId('guide-target').filter({ hasText: 'A-12-1' }).waitFor();

      // A technician on a headset is offered AR, not the planners' VR walk-through.
      await page.getByTestId('guide-start-ar').click();
      expect(await page.getByTestId('guide-start-vr').count()).toBe(0);
      await expect.poll(async () => (await snapshot(page)).phase, { timeout: 20_000 }).toBe('active');
      await expect.poll(async () => (await snapshot(page)).xrFrames, { timeout: 20_000 }).toBeGreaterThan(3);
      expect(await page.getByTestId('guide-alignment').textContent()).toContain('Not aligned yet');

      // Stand 1.5 m in front of marker TM99E1-0007 at the front of aisle D (its face looks along -Z)
      // and "scan" it; the bolts are in A-12-1, three aisles away.
      const marker = { x: 10.7, y: 1.4, z: 14 };
      await setHeadPose(page, { ...toXr({ x: marker.x, z: marker.z - 1.5 }), y: 1.6 });
      const observed = { position: toXr(marker), yaw: Math.PI + TRUTH.yaw };
      const accepted = await page.evaluate(
        (o) =>
          (
            window as unknown as { __xrGuide: { injectMarker(c: string, p: unknown): boolean } }
          ).__xrGuide.injectMarker('TM99E1-0007', o),
        observed,
      );
      expect(accepted).toBe(true);
      await expect
        .poll(async () => (await page.getByTestId('guide-alignment').textContent()) ?? '')
        .toContain('Aligned to marker TM99E1-0007');

      // The route now starts where the user stands (twin coordinates recovered from the marker).
      const startGap = async () => {
        const r = (await snapshot(page)).route?.[0];
        return r ? Math.hypot(r.x - marker.x, r.z - (marker.z - 1.5)) : Number.POSITIVE_INFINITY;
      };
      await expect.poll(startGap, { timeout: 15_000 }).toBeLessThan(0.6);
      await expect.poll(async () => (await snapshot(page)).display.remainingM).toBeGreaterThan(5);
      const first = await snapshot(page);
      const route = first.route ?? [];
      expect(route.length).toBeGreaterThan(1);
      expect(Math.hypot(first.display.x - marker.x, first.display.z - (marker.z - 1.5))).toBeLessThan(0.15);
      const steps = await fx.as.technician.navigation.route.query({
        from: { kind: 'point', x: route[0]?.x ?? 0, z: route[0]?.z ?? 0 },
        to: { kind: 'bin', code: 'A-12-1' },
      });
      if (!steps.ok) throw new Error(steps.reason);
      const turns = steps.steps
        .filter((s, i) => s.distanceM === 0 && i < steps.steps.length - 1)
        .map((s) => s.text);
      const arrival = steps.steps[steps.steps.length - 1]?.text ?? '';
      expect(turns.length).toBeGreaterThan(0);
      // The overlay copies guidance into the page a few times a second, so wait for the copy that
      // follows the re-route from where the user stands.
      await expect
        .poll(async () => Math.abs((await snapshot(page)).display.remainingM - steps.lengthM), {
          timeout: 10_000,
        })
        .toBeLessThan(0.5);
      await page.screenshot({ path: join(RESULTS_DIR, 'ar-session.png') });

      // Walk the route in 0.75 m steps; each step waits until guidance has seen the new position.
      let arrivedAt = -1;
      const points = walkPoints(route, 0.75);
      for (const [i, p] of points.entries()) {
        await setHeadPose(page, { ...toXr(p), y: 1.6 });
        await expect
          .poll(
            async () => {
              const d = (await snapshot(page)).display;
              return Math.hypot(d.x - p.x, d.z - p.z);
            },
            { timeout: 10_000, interval: 50 },
          )
          .toBeLessThan(0.2);
        if (arrivedAt < 0 && (await snapshot(page)).display.arrived) arrivedAt = i;
      }
      const end = await snapshot(page);
      // Every turn was announced, in order, then the arrival; arrival only in the last 1.5 m.
      expect(end.fired).toEqual([...turns, arrival]);
      expect(end.display.arrived).toBe(true);
      expect(arrivedAt).toBeGreaterThan(0);
      expect(points.length - arrivedAt).toBeLessThanOrEqual(Math.ceil(1.5 / 0.75) + 1);
      expect(await page.getByTestId('guide-arrived').textContent()).toContain(arrival);
      expect(end.display.staleS).not.toBeNull();

      // Confirm the pick: one ledger movement.
      await page.getByTestId('guide-qty').fill('2');
      await page.getByTestId('guide-pick').click();
      await expect
        .poll(async () => (await page.getByTestId('guide-picked').textContent()) ?? '')
        .toContain('Picked 2 ea of M8 x 30 hex bolt from A-12-1');
      const picksOf = async () =>
        (await fx.as.technician.items.movements.query({ itemId: fx.items.bolt }))
          .filter((m) => m.kind === 'pick')
          .map((m) => m.qty);
      expect(await picksOf()).toEqual([-2]);

      // The network drops: the pick is kept on the device, and sent once when it returns.
      await page.context().setOffline(true);
      await page.getByTestId('guide-qty').fill('1');
      await page.getByTestId('guide-pick').click();
      await page.getByTestId('guide-queue-pending').waitFor();
      expect(await page.getByTestId('guide-picked').textContent()).toContain('Saved on this device');
      expect(await picksOf()).toEqual([-2]);
      await page.context().setOffline(false);
      await expect.poll(picksOf, { timeout: 20_000 }).toEqual([-1, -2]);
      await page.getByTestId('guide-queue-pending').waitFor({ state: 'detached' });
      const item = await fx.as.technician.items.get.query({ id: fx.items.bolt });
      expect(item.stock.find((s) => s.code === 'A-12-1')?.onHand).toBe(47);

      // A new target (what the voice helper does) re-targets without ending the session.
      await page.evaluate(() => {
        history.pushState(null, '', '/guide?bin=A-01-1');
      });
      await page.getByTestId('guide-target').filter({ hasText: 'Bin A-01-1' }).waitFor();
      const after = await snapshot(page);
      expect(after.phase).toBe('active');
      expect(after.aligned?.code).toBe('TM99E1-0007');
      await expect.poll(async () => (await snapshot(page)).display.hasRoute, { timeout: 15_000 }).toBe(true);
      // Still exactly the two picks, after all the retries.
      expect(await picksOf()).toEqual([-1, -2]);
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a planner walks the twin in VR: starts at the route start facing along it, and walking forward shortens the route',
    async () => {
      const { fx } = started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      await installIwer(page.context());
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/guide?bin=A-12-1')}`);
      await logIn(page, 'plan', PASSWORD);
      await expect.poll(async () => (await snapshot(page)).display.hasRoute, { timeout: 20_000 }).toBe(true);
      const before = await snapshot(page);
      const start = before.route?.[0] ?? { x: 0, z: 0 };
      await setHeadPose(page, { x: 0, y: 1.6, z: 0 });
      await page.getByTestId('guide-start-vr').click();
      await expect.poll(async () => (await snapshot(page)).mode, { timeout: 20_000 }).toBe('vr');
      await expect.poll(async () => (await snapshot(page)).aligned?.kind).toBe('start');
      await expect
        .poll(async () => {
          const d = (await snapshot(page)).display;
          return Math.hypot(d.x - start.x, d.z - start.z);
        })
        .toBeLessThan(0.2);
      const full = (await snapshot(page)).display.remainingM;
      // Three metres straight ahead in the headset is three metres along the route's first leg.
      await setHeadPose(page, { x: 0, y: 1.6, z: -3 });
      await expect
        .poll(async () => full - (await snapshot(page)).display.remainingM, { timeout: 10_000 })
        .toBeGreaterThan(2.5);
      await page.getByTestId('guide-exit').click();
      await expect.poll(async () => (await snapshot(page)).phase).toBe('idle');
    },
    TIMEOUT,
  );

  it(
    'without WebXR AR: says why, shows the floor map, the route, the next turn and the distance',
    async () => {
      const { fx } = started();
      const page = await web.newPage({ timeoutMs: 30_000 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/guide?bin=A-01-1')}`);
      await logIn(page, 'tech', PASSWORD);
      const why = page.getByTestId('no-ar-reason');
      await why.waitFor();
      const hasXr = await page.evaluate(() => 'xr' in navigator);
      expect(await why.textContent()).toContain(hasXr ? 'cannot start an AR session' : 'has no WebXR');
      expect(await page.getByTestId('guide-start-ar').count()).toBe(0);
      await page.getByTestId('guide-map-route').waitFor();
      await page.getByTestId('guide-map-you').waitFor();
      await expect.poll(async () => (await page.getByTestId('guide-cue').textContent()) ?? '').not.toBe('');
      expect(await page.getByTestId('guide-remaining').textContent()).toMatch(/^\d+(\.\d)? m to go$/);
      expect((await page.getByTestId('route-steps').textContent()) ?? '').toContain('A-01-1');
      await page.screenshot({ path: join(RESULTS_DIR, 'guide-fallback.png'), fullPage: true });

      // Walking the 3-D view from the route's start: the distance left goes down as the user walks.
      // (Software rendering of the whole building is slow here: hold the key until frames come.)
      const metres = async () => (await snapshot(page)).display.remainingM;
      const full = await metres();
      await page.getByTestId('guide-walk').click();
      await page.getByTestId('guide-walk').filter({ hasText: 'Stop walking' }).waitFor();
      await page.keyboard.down('KeyW');
      await expect.poll(metres, { timeout: 20_000 }).toBeLessThan(full - 1);
      await page.keyboard.up('KeyW');
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'prints a marker sheet with a QR code, position and heading per marker',
    async () => {
      const { fx } = started();
      const page = await web.newPage();
      await page.goto(`${fx.app.url}/login?next=${encodeURIComponent('/guide/markers')}`);
      await logIn(page, 'tech', PASSWORD);
      const cards = page.getByTestId('marker-card');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(demoWarehouse().markers.length);
      const first = (await cards.first().textContent()) ?? '';
      expect(first).toContain('TM99E1-0001');
      expect(first).toContain('x 2.30 m');
      expect(first).toContain('1.40 m above the floor');
      await cards.first().getByTestId('qrcode').waitFor();
    },
    TIMEOUT,
  );
});
