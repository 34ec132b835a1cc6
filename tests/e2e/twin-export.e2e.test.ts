import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deriveBins } from '../../twin-models/geometry.ts';
import { loadFacility } from '../../twin-models/load.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 120_000;

type GltfNode = { name?: string; extras?: Record<string, unknown>; mesh?: number; children?: number[] };
type Gltf = {
  asset: { version: string };
  scenes: { nodes: number[] }[];
  nodes: GltfNode[];
  meshes?: unknown[];
  accessors?: unknown[];
  bufferViews?: unknown[];
};

/** A GLB container read by hand: 12-byte header, then the JSON chunk (and a BIN chunk). */
function parseGlb(bytes: Buffer): { json: Gltf; binLength: number } {
  expect(bytes.length).toBeGreaterThan(20);
  expect(bytes.toString('latin1', 0, 4)).toBe('glTF');
  expect(bytes.readUInt32LE(4)).toBe(2);
  expect(bytes.readUInt32LE(8)).toBe(bytes.length);
  const jsonLength = bytes.readUInt32LE(12);
  expect(bytes.toString('latin1', 16, 20)).toBe('JSON');
  const json = JSON.parse(bytes.toString('utf8', 20, 20 + jsonLength)) as Gltf;
  let binLength = 0;
  const next = 20 + jsonLength;
  if (next + 8 <= bytes.length) {
    binLength = bytes.readUInt32LE(next);
    expect(bytes.toString('latin1', next + 4, next + 7)).toBe('BIN');
  }
  return { json, binLength };
}

describe('web client: twin files (.glb and JSON)', () => {
  const web = useWebApp({
    timeoutMs: TIMEOUT,
    afterStart: (fx) =>
      fx.as.planner.twin.publish.mutate({ document: demoWarehouse(), note: 'e2e: demo warehouse' }),
  });
  const { started } = web;
  /** The JSON document downloaded by the technician, published back by the planner. */
  let downloadedJson: string | undefined;

  const newPage = () => web.newPage({ acceptDownloads: true, timeoutMs: 20_000 });

  async function openTwinAs(username: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${started().fx.app.url}/login?next=${encodeURIComponent('/twin')}`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('twin-files').waitFor({ timeout: 30_000 });
    return page;
  }

  async function bytesOf(download: Download): Promise<Buffer> {
    const path = await download.path();
    return readFile(path);
  }

  it(
    'a technician downloads the model as .glb (every bin a named node) and the layout as JSON, and cannot publish',
    async () => {
      const page = await openTwinAs('tech');
      expect(await page.getByTestId('twin-publish-file').count()).toBe(0);
      expect(await page.getByTestId('twin-publish').count()).toBe(0);

      const button = page.getByTestId('twin-export-glb');
      const clickedAt = Date.now();
      const [glbDownload] = await Promise.all([
        page.waitForEvent('download', { timeout: 60_000 }),
        button.click(),
      ]);
      const exportMs = Date.now() - clickedAt;
      expect(glbDownload.suggestedFilename()).toBe('demo-warehouse.glb');
      const glb = await bytesOf(glbDownload);
      await glbDownload.saveAs(join(RESULTS_DIR, 'demo-warehouse.glb'));
      console.log(`twin export: demo-warehouse.glb ${(glb.length / 1024).toFixed(0)} KB in ${exportMs} ms`);
      expect(glb.length).toBeLessThan(10 * 1024 * 1024);
      // The button comes back once the export is done.
      await expect.poll(() => button.isEnabled()).toBe(true);

      const { json, binLength } = parseGlb(glb);
      expect(json.asset.version).toBe('2.0');
      expect(binLength).toBeGreaterThan(0);
      expect(json.meshes?.length ?? 0).toBeGreaterThan(0);
      expect(json.accessors?.length ?? 0).toBeGreaterThan(0);
      const names = new Set(json.nodes.map((n) => n.name));
      const codes = deriveBins(demoWarehouse()).map((b) => b.code);
      expect(codes.length).toBe(5_280);
      const missing = codes.filter((c) => !names.has(c));
      expect(missing).toEqual([]);
      const bin = json.nodes.find((n) => n.name === 'A-01-1');
      expect(bin?.extras).toMatchObject({
        kind: 'bin',
        code: 'A-01-1',
        rackId: expect.any(String),
        aisle: 'A',
        bay: 1,
        level: 1,
        capacity: expect.any(Number),
      });
      expect(typeof bin?.mesh).toBe('number');
      // Racks group their bins.
      const rack = json.nodes.find(
        (n) => n.extras?.kind === 'rack' && n.extras.rackId === bin?.extras?.rackId,
      );
      const binIndex = json.nodes.indexOf(bin ?? {});
      expect(rack?.children).toContain(binIndex);

      const [jsonDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('twin-export-json').click(),
      ]);
      expect(jsonDownload.suggestedFilename()).toBe('demo-warehouse.json');
      downloadedJson = (await bytesOf(jsonDownload)).toString('utf8');
      const loaded = loadFacility(JSON.parse(downloadedJson));
      expect(loaded.ok).toBe(true);
      if (loaded.ok) {
        expect(loaded.facility.id).toBe('demo-warehouse');
        expect(deriveBins(loaded.facility).length).toBe(5_280);
      }
    },
    TIMEOUT,
  );

  it(
    'a planner publishes the downloaded JSON back, and a broken file is refused with its path',
    async () => {
      const { fx } = started();
      const text = downloadedJson ?? `${JSON.stringify(demoWarehouse(), null, 2)}\n`;
      const before = await fx.as.planner.twin.current.query();
      const page = await openTwinAs('plan');

      // The same layout again: a new revision, nothing stranded.
      await page.getByTestId('twin-publish-file').setInputFiles({
        name: 'demo-warehouse.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text, 'utf8'),
      });
      const publish = page.getByTestId('twin-publish');
      await expect.poll(() => publish.isEnabled()).toBe(true);
      await publish.click();
      await page.locator('dialog[open]').getByTestId('confirm').click();
      const success = page.getByTestId('toast-success').filter({ hasText: 'Published layout' });
      await success.first().waitFor();
      const after = await fx.as.planner.twin.current.query();
      expect(after.revisionId).toBeGreaterThan(before.revisionId);
      expect(after.facility.id).toBe('demo-warehouse');
      // The view follows the new revision.
      await page.getByTestId('twin-page').getByText(`layout #${after.revisionId}`).first().waitFor();

      // A rack level 0 m high: the server names the path.
      const broken = JSON.parse(text) as { racks: { levels: { height: number }[] }[] };
      const level = broken.racks[3]?.levels[1];
      if (!level) throw new Error('the demo warehouse has no racks[3].levels[1]');
      level.height = 0;
      await page.getByTestId('twin-publish-file').setInputFiles({
        name: 'broken.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(broken), 'utf8'),
      });
      await expect.poll(() => publish.isEnabled()).toBe(true);
      await publish.click();
      await page.locator('dialog[open]').getByTestId('confirm').click();
      const error = page.getByTestId('twin-publish-error');
      await error.waitFor();
      const message = (await error.textContent()) ?? '';
      console.log(`twin publish: refused with "${message.slice(0, 160)}"`);
      expect(message).toMatch(/racks\[\d+\]\.levels\[\d+\]\.height/);
      expect(message).toContain('racks[3].levels[1].height');
      const unchanged = await fx.as.planner.twin.current.query();
      expect(unchanged.revisionId).toBe(after.revisionId);

      // A file that is not JSON at all is caught before it reaches the server.
      await page.getByTestId('twin-publish-file').setInputFiles({
        name: 'notes.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{ not json', 'utf8'),
      });
      await expect.poll(async () => (await error.textContent()) ?? '').toContain('not a JSON document');
      expect(await publish.isEnabled()).toBe(false);
    },
    TIMEOUT,
  );
});
