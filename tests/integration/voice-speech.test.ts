import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { PcmFramer, SPEECH_CLOSE, SPEECH_PATH } from '../../client/src/voice/recognition/protocol.ts';
import { SpeechStream } from '../../client/src/voice/recognition/stream.ts';
import { parse } from '../../common/voice/parse.ts';
import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { detectPocketSphinx } from '../../server/speech/pocketsphinx.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { apiClient, cookieOf, type Fixture, PASSWORD } from '../support/test-app.ts';

const espeak = spawnSync('espeak-ng', ['--version']).status === 0;
const sphinx = detectPocketSphinx();
const realAudio = espeak && sphinx.available;
const SKIP = realAudio
  ? ''
  : ` (SKIPPED: ${[espeak ? '' : 'espeak-ng', sphinx.available ? '' : 'pocketsphinx'].filter(Boolean).join(' and ')} not installed)`;

/** espeak-ng's WAV (22.05 kHz mono 16-bit) as float samples, plus trailing room-quiet silence. */
function speak(text: string): { samples: Float32Array; rate: number; speech: number } {
  const out = spawnSync('espeak-ng', ['--stdout', text], { maxBuffer: 16 * 1024 * 1024 });
  const wav = out.stdout;
  const rate = wav.readUInt32LE(24);
  let offset = 12;
  while (offset + 8 <= wav.length && wav.toString('ascii', offset, offset + 4) !== 'data') {
    offset += 8 + wav.readUInt32LE(offset + 4);
  }
  const start = offset + 8;
  const count = Math.floor((wav.length - start) / 2);
  const silence = Math.round(rate * 0.6);
  const samples = new Float32Array(count + silence);
  for (let i = 0; i < count; i++) samples[i] = wav.readInt16LE(start + i * 2) / 32768;
  return { samples, rate, speech: count };
}

type Heard = { transcript: string; confidence: number; latencyMs: number; audioMs: number };

/**
 * Streams speech exactly as the browser polyfill does (same framer, same socket protocol), either
 * as fast as possible or paced like a live microphone, and waits for the final transcript.
 */
async function recognise(fx: Fixture, text: string, paced = false): Promise<Heard> {
  const { samples, rate, speech } = speak(text);
  const speechSamples16k = Math.ceil((speech / rate) * 16_000);
  const framer = new PcmFramer(rate);
  const frames = framer.push(samples);
  const rest = framer.flush();
  if (rest) frames.push(rest);
  const socket = new WebSocket(`${fx.app.url.replace('http', 'ws')}${SPEECH_PATH}`, {
    headers: { cookie: cookieOf(fx.as.technician) },
  });
  return new Promise<Heard>((resolve, reject) => {
    let ended = 0;
    let final: Heard | null = null;
    const stream = new SpeechStream(socket, 'en-US', {
      partial() {},
      final(transcript, confidence) {
        final = {
          transcript,
          confidence,
          latencyMs: performance.now() - ended,
          audioMs: (samples.length / rate) * 1000,
        };
      },
      error(error, message) {
        reject(new Error(`${error}: ${message}`));
      },
      closed() {
        if (final) resolve(final);
        else reject(new Error('closed without a final transcript'));
      },
    });
    void (async () => {
      let sent = 0;
      for (const frame of frames) {
        stream.sendAudio(frame);
        sent += frame.length;
        // The speaker stops here; the rest is room silence (the server may end the utterance on it).
        if (ended === 0 && sent >= speechSamples16k) ended = performance.now();
        if (paced) await new Promise((r) => setTimeout(r, 100));
      }
      if (ended === 0) ended = performance.now();
      stream.end();
    })();
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : 0;
};

describe('offline speech recognition over /speech', () => {
  const fx = useFixture(BACKENDS[0] ?? { name: 'file', available: false, open: () => Promise.reject() });
  const ids: Record<string, string> = {};
  let vocabulary: Vocabulary;

  beforeAll(async () => {
    const { newItem, newBin, newAsset } = fx().factories;
    const item = async (key: string, sku: string, name: string, aliases: string[]) => {
      ids[key] = String((await newItem({ sku, name, aliases })).id);
    };
    await item('tape', 'GEN-DT', 'Duct tape', []);
    await item('ties', 'GEN-CT200', 'Cable ties 200mm', ['cable tie', 'zip tie']);
    await item('glasses', 'PPE-SG', 'Safety glasses', ['goggles']);
    await item('extinguisher', 'SAF-FE9', 'Fire extinguisher 9kg', ['extinguisher']);
    await item('led', 'ELE-LED4', 'LED tube 4ft', ['LED tube']);
    await item('gloves', 'PPE-NGL', 'Nitrile gloves large', ['gloves']);
    ids.bolt = String(fx().items.bolt);
    ids.grease = String(fx().items.grease);
    for (const code of ['B-03-2', 'C-12-4', 'D-08-2']) await newBin({ code });
    for (const [tag, name, aliases] of [
      ['CH-2', 'Chiller 2', []],
      ['GEN-1', 'Backup generator', ['generator']],
      ['AHU-1', 'Air handler 1', ['AHU 1']],
    ] as const) {
      await newAsset({ tag, name, aliases: [...aliases], category: 'plant' });
    }
    vocabulary = await fx().app.services.voice.refresh();
    for (const a of vocabulary.assets) ids[a.tag] = a.id;
  });

  test('the vocabulary comes from the live database: items with aliases, active bins, aisles, assets', async () => {
    const v = await fx().as.technician.voice.vocabulary.query();
    expect(v.items.find((i) => i.id === ids.ties)).toEqual({
      id: ids.ties,
      name: 'Cable ties 200mm',
      aliases: ['cable tie', 'zip tie'],
      sku: 'GEN-CT200',
    });
    expect(v.locations.map((l) => l.code)).toEqual([
      'A-01-1',
      'A-01-2',
      'B-01-1',
      'B-03-2',
      'C-12-4',
      'D-08-2',
    ]);
    expect(v.aisles).toEqual(['A', 'B', 'C', 'D']);
    expect(v.assets.map((a) => [a.name, a.tag])).toContainEqual(['Backup generator', 'GEN-1']);
    await expect(fx().as.anonymous.voice.vocabulary.query()).rejects.toThrow('Log in first');
  });

  test('items added by a CSV import join the vocabulary without a restart', async () => {
    const csv =
      'sku,name,aliases,unit,barcode,category,unit_cost,reorder_point,reorder_qty,tracking,supplier\n' +
      'HYD-HOSE-12,Hydraulic hose 12mm,hose|hydraulic line,ea,,hydraulics,14.50,2,10,none,\n';
    await fx().as.planner.categories.create.mutate({ name: 'hydraulics' });
    await fx().as.planner.io.importCsv.mutate({ kind: 'items', csv, dryRun: false });
    await expect
      .poll(async () =>
        (await fx().as.technician.voice.vocabulary.query()).items.find((i) => i.sku === 'HYD-HOSE-12'),
      )
      .toMatchObject({ name: 'Hydraulic hose 12mm', aliases: ['hose', 'hydraulic line'] });
  });

  test('status and /healthz say whether offline recognition is installed, and why not', async () => {
    const status = await fx().as.technician.voice.status.query();
    const health = (await (await fetch(`${fx().app.url}/healthz`)).json()) as { speech: unknown };
    if (sphinx.available) {
      expect(status.offline).toEqual({ status: 'available' });
      expect(health.speech).toEqual({ offline: 'available' });
    } else {
      expect(status.offline.status).toBe('unavailable');
      expect(health.speech).toMatchObject({
        offline: 'unavailable',
        reason: expect.stringContaining('pocketsphinx'),
      });
    }
  });

  test.skipIf(!sphinx.available)(
    `an open socket closes at once when its session is logged out or its user disabled${sphinx.available ? '' : ' (SKIPPED: pocketsphinx not installed)'}`,
    async () => {
      /** A socket of a fresh login (not the fixture's shared one), and how it ends. */
      const openFor = async (username: string) => {
        const api = apiClient(fx().app.url);
        await api.auth.login.mutate({ username, password: PASSWORD });
        const ws = new WebSocket(`${fx().app.url.replace('http', 'ws')}${SPEECH_PATH}`, {
          headers: { cookie: cookieOf(api) },
        });
        const messages: string[] = [];
        ws.on('message', (data) => messages.push(String(data)));
        const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
        await new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        });
        return { api, ws, messages, closed };
      };
      const waitFor = (closed: Promise<number>) =>
        Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), 2000))]);

      const loggedOut = await openFor('tech');
      await loggedOut.api.auth.logout.mutate();
      expect(await waitFor(loggedOut.closed)).toBe(SPEECH_CLOSE.signedOut);
      expect(loggedOut.messages.join('')).toContain('Your session has ended');

      const user = await fx().factories.newUser('technician');
      const disabled = await openFor(user.username);
      const other = await openFor('plan');
      await fx().as.admin.users.disable.mutate({ id: user.id });
      expect(await waitFor(disabled.closed)).toBe(SPEECH_CLOSE.signedOut);
      // Nobody else's socket is touched.
      expect(other.ws.readyState).toBe(WebSocket.OPEN);
      other.ws.close();
    },
  );

  test('an anonymous WebSocket is refused with 401 before any audio is accepted', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${fx().app.url.replace('http', 'ws')}${SPEECH_PATH}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('an anonymous socket was accepted')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });

  test.skipIf(!realAudio)(
    `spoken commands (espeak-ng) are recognised and parsed into the right command${SKIP}`,
    async () => {
      const v = vocabulary;
      const cases: [string, { intent: string; slots: Record<string, unknown> }][] = [
        ['where is the duct tape', { intent: 'find_item', slots: { item: ids.tape } }],
        ['where are the fire extinguishers', { intent: 'find_item', slots: { item: ids.extinguisher } }],
        ['how many m eight bolts do we have', { intent: 'stock_level', slots: { item: ids.bolt } }],
        ['how much grease is in stock', { intent: 'stock_level', slots: { item: ids.grease } }],
        [
          'how many led tubes are in bin b three two',
          { intent: 'stock_level', slots: { item: ids.led, location: 'B-03-2' } },
        ],
        [
          'pick twenty five m eight bolts from bin a zero one one',
          { intent: 'pick', slots: { item: ids.bolt, qty: 25, location: 'A-01-1' } },
        ],
        ['grab three pairs of safety glasses', { intent: 'pick', slots: { item: ids.glasses, qty: 3 } }],
        [
          'put away twelve cable ties in bin b three two',
          { intent: 'put_away', slots: { item: ids.ties, qty: 12, location: 'B-03-2' } },
        ],
        [
          'return five gloves to bin d eight two',
          { intent: 'put_away', slots: { item: ids.gloves, qty: 5, location: 'D-08-2' } },
        ],
        [
          'count forty safety glasses in bin d eight two',
          { intent: 'count', slots: { item: ids.glasses, qty: 40, location: 'D-08-2' } },
        ],
        ['where can i find the zip ties', { intent: 'find_item', slots: { item: ids.ties } }],
        ['i returned one extinguisher', { intent: 'put_away', slots: { item: ids.extinguisher, qty: 1 } }],
        [
          'create a work order for chiller two it is leaking oil high priority',
          { intent: 'create_work_order', slots: { asset: ids['CH-2'], priority: 'high' } },
        ],
        ['take me to chiller two', { intent: 'navigate', slots: { asset: ids['CH-2'] } }],
        ['navigate to bin c twelve four', { intent: 'navigate', slots: { location: 'C-12-4' } }],
        ['take me to air handler one', { intent: 'navigate', slots: { asset: ids['AHU-1'] } }],
        ['show low stock', { intent: 'low_stock', slots: {} }],
        [
          'open an urgent work order for the backup generator',
          { intent: 'create_work_order', slots: { asset: ids['GEN-1'], priority: 'urgent' } },
        ],
        [
          'what is the status of work order forty two',
          { intent: 'work_order_status', slots: { work_order: 42 } },
        ],
        [
          'mark work order one hundred and eight as done',
          { intent: 'complete_work_order', slots: { work_order: 108 } },
        ],
        ['start a drone audit of aisle b', { intent: 'start_audit', slots: { aisle: 'B' } }],
        ['cancel that', { intent: 'cancel', slots: {} }],
        ['yes', { intent: 'confirm', slots: {} }],
        ['what can i say', { intent: 'help', slots: {} }],
      ];
      const rows: {
        said: string;
        heard: string;
        confidence: number;
        ok: boolean;
        latencyMs: number;
        audioMs: number;
      }[] = [];
      for (const [said, expected] of cases) {
        const heard = await recognise(fx(), said);
        const got = parse(heard.transcript, v);
        const ok =
          got.intent === expected.intent &&
          JSON.stringify(sorted(got.slots)) === JSON.stringify(sorted(expected.slots));
        rows.push({
          said,
          heard: heard.transcript,
          confidence: heard.confidence,
          ok,
          latencyMs: heard.latencyMs,
          audioMs: heard.audioMs,
        });
      }
      // Paced like a live microphone: end of audio -> final is the latency a technician feels.
      const live: number[] = [];
      for (const said of [
        'pick twenty five m eight bolts from bin a zero one one',
        'show low stock',
        'take me to chiller two',
      ]) {
        live.push((await recognise(fx(), said, true)).latencyMs);
      }
      const accuracy = rows.filter((r) => r.ok).length / rows.length;
      console.log(
        JSON.stringify({
          realAudio: {
            cases: rows.length,
            correct: rows.filter((r) => r.ok).length,
            accuracy: Number(accuracy.toFixed(3)),
            wrong: rows
              .filter((r) => !r.ok)
              .map((r) => ({ said: r.said, heard: r.heard, confidence: r.confidence })),
            confidences: rows.map((r) => r.confidence),
            unpacedFinalMsMedian: Math.round(median(rows.map((r) => r.latencyMs))),
            liveEndToFinalMs: live.map((ms) => Math.round(ms)),
            audioMsMedian: Math.round(median(rows.map((r) => r.audioMs))),
          },
        }),
      );
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
    },
    240_000,
  );

  test.skipIf(!realAudio)(
    `everyday speech that is not a command gives no command${SKIP}`,
    async () => {
      for (const said of ["what's the weather like today", 'call my mother', 'play some music']) {
        const heard = await recognise(fx(), said);
        console.log(
          JSON.stringify({ outOfDomain: { said, heard: heard.transcript, confidence: heard.confidence } }),
        );
        expect({ said, heard: heard.transcript, intent: parse(heard.transcript, vocabulary).intent }).toEqual(
          {
            said,
            heard: heard.transcript,
            intent: 'none',
          },
        );
      }
    },
    120_000,
  );

  test.skipIf(!realAudio)(
    `a new item is recognisable as soon as it is in the catalogue${SKIP}`,
    async () => {
      const { id } = await fx().factories.newItem({ sku: 'MEC-WG', name: 'Wombat grommet' });
      const v = await fx().app.services.voice.refresh();
      const heard = await recognise(fx(), 'where are the wombat grommets');
      expect(parse(heard.transcript, v)).toMatchObject({ intent: 'find_item', slots: { item: String(id) } });
    },
    60_000,
  );
});

function sorted(o: object): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
