// An emulated Meta Quest 3 (IWER) in a Playwright page, following ../shared/recipes/webxr-headless.md:
// the IWER script is injected before any page script, the runtime is installed with forceInstall
// (Chromium already has a navigator.xr), ipd = 0 puts the three.js camera at the head position, and
// the controller profiles @react-three/xr fetches from a CDN are served from node_modules instead.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
const IWER_SCRIPT = join(ROOT, 'node_modules', 'iwer', 'build', 'iwer.min.js');
const PROFILES_DIR = join(ROOT, 'node_modules', '@webxr-input-profiles', 'assets', 'dist', 'profiles');
const PROFILES_URL =
  /^https:\/\/cdn\.jsdelivr\.net\/npm\/@webxr-input-profiles\/assets@[^/]+\/dist\/profiles\/(.+)$/;

type Vec3 = { x: number; y: number; z: number };

/** Installs the emulated headset in every page of `context` opened from now on. */
export async function installIwer(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: await readFile(IWER_SCRIPT, 'utf8') });
  await context.addInitScript({
    content: `
      (() => {
        const device = new IWER.XRDevice(IWER.metaQuest3);
        device.ipd = 0;
        device.installRuntime({ forceInstall: true });
        window.__xrDevice = device;
      })();
    `,
  });
  await context.route(PROFILES_URL, async (route) => {
    const rel = PROFILES_URL.exec(route.request().url())?.[1] ?? '';
    if (rel.includes('..')) return route.fulfill({ status: 400 });
    try {
      const body = await readFile(join(PROFILES_DIR, rel));
      await route.fulfill({
        status: 200,
        body,
        headers: {
          'access-control-allow-origin': '*',
          'content-type': rel.endsWith('.json') ? 'application/json' : 'model/gltf-binary',
        },
      });
    } catch {
      await route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' } });
    }
  });
}

/** Puts the emulated head at `position` (XR space, metres), looking along `yaw` (0 = along -Z). */
export async function setHeadPose(page: Page, position: Vec3, yaw = 0): Promise<void> {
  await page.evaluate(
    ({ p, yaw }) => {
      const d = (
        window as unknown as {
          __xrDevice: {
            position: { set(x: number, y: number, z: number): void };
            quaternion: { set(x: number, y: number, z: number, w: number): void };
          };
        }
      ).__xrDevice;
      d.position.set(p.x, p.y, p.z);
      d.quaternion.set(0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2));
    },
    { p: position, yaw },
  );
}
