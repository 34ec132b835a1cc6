import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUILT_CLIENT_DIR } from '../../server/app.ts';
import { detectPocketSphinx } from '../../server/speech/pocketsphinx.ts';
import { launchBrowser } from '../support/browser.ts';
import { cookieOf, type Fixture, startFixture } from '../support/test-app.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT = process.env.E2E_CLIENT_DIR ?? BUILT_CLIENT_DIR;
/** A client built before the voice panel existed would fail for the wrong reason. */
function builtWithVoicePanel(dir: string): boolean {
  const assets = join(dir, 'assets');
  if (!existsSync(join(dir, 'index.html')) || !existsSync(assets)) return false;
  return readdirSync(assets).some(
    (f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('voice-recogniser'),
  );
}

const missing = [
  existsSync(CHROMIUM) ? '' : 'chromium',
  spawnSync('espeak-ng', ['--version']).status === 0 ? '' : 'espeak-ng',
  detectPocketSphinx().available ? '' : 'pocketsphinx',
  spawnSync('sox', ['--version']).status === 0 ? '' : 'sox',
  builtWithVoicePanel(CLIENT) ? '' : 'a client built with the voice panel (npm run build)',
].filter(Boolean);
const SKIP = missing.length > 0 ? ` (SKIPPED: ${missing.join(', ')} not available)` : '';

/**
 * A browser without a recogniser of its own (Firefox) uses the server polyfill: headless Chromium
 * with its recogniser removed, and a fake microphone that plays an espeak-ng recording.
 */
describe.skipIf(missing.length > 0)(`the speech polyfill in a browser${SKIP}`, () => {
  let fx: Fixture;
  let db: { url: string; cleanup(): Promise<void> };
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'voice-browser-'));
  const wav = join(dir, 'command.wav');

  beforeAll(async () => {
    // Chromium loops the file; the trailing silence lets the server hear the end of the sentence.
    const say = spawnSync('sh', [
      '-c',
      `espeak-ng --stdout "how many m eight bolts do we have" | sox -t wav - ${JSON.stringify(wav)} pad 0.3 3`,
    ]);
    if (say.status !== 0) throw new Error(`espeak-ng/sox failed: ${say.stderr.toString()}`);
    db = await tempDatabaseUrl();
    fx = await startFixture(db.url, undefined, { clientDir: CLIENT });
    browser = await launchBrowser([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.app.close();
    await db?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a spoken question goes through the microphone, /speech and the parser to the answer', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const [name = '', value = ''] = cookieOf(fx.as.technician).split('=');
    await context.addCookies([{ name, value, url: fx.app.url }]);
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.SpeechRecognition;
      delete w.webkitSpeechRecognition;
    });
    const page = await context.newPage();
    const finals: string[] = [];
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        if (typeof frame.payload === 'string' && frame.payload.includes('"final"'))
          finals.push(frame.payload);
      }),
    );
    await page.goto(fx.app.url);
    await page.getByTestId('voice-toggle').click();
    expect(await page.getByTestId('voice-recogniser').getAttribute('data-recogniser')).toBe('server');
    await page.getByTestId('voice-talk').click();
    await page.getByTestId('voice-log').getByText('100').waitFor({ timeout: 30_000 });
    expect(JSON.parse(finals[0] ?? '{}')).toMatchObject({
      type: 'final',
      transcript: 'how many m eight bolts do we have',
    });
    expect(await page.getByTestId('voice-log').textContent()).toContain('You have 100 M8 x 30 hex bolts');
    await context.close();
  }, 60_000);
});
