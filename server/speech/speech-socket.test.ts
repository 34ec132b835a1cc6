import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { helloMessage, SPEECH_CLOSE, SPEECH_PATH } from '../../client/src/voice/recognition/protocol.ts';
import type { SessionUser } from '../../common/roles.ts';
import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { detectPocketSphinx } from './pocketsphinx.ts';
import { createSpeechEndpoint, type SpeechEndpoint } from './speech-socket.ts';

const USER: SessionUser = { id: 1, username: 'tech', displayName: 'Tess Tech', role: 'technician' };
const VOCABULARY: Vocabulary = {
  items: [{ id: '1', name: 'Duct tape', aliases: [], sku: 'GEN-DT' }],
  locations: [{ code: 'A-01-1', aisle: 'A' }],
  aisles: ['A'],
  assets: [],
};
const sphinx = detectPocketSphinx();

let server: Server | null = null;
let endpoint: SpeechEndpoint | null = null;

afterEach(async () => {
  endpoint?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  endpoint = null;
});

/** A plain HTTP server with only the speech endpoint; sessions are "good" (a user) or anything else. */
async function start(unavailableReason: string | null, maxConcurrent = 2): Promise<string> {
  endpoint = createSpeechEndpoint({
    userForToken: async (token) => (token === 'good' ? USER : null),
    unavailableReason,
    vocabulary: async () => VOCABULARY,
    onVocabulary: () => () => undefined,
    log: () => undefined,
    limits: { maxConcurrent },
  });
  const ep = endpoint;
  server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    if (!ep.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${SPEECH_PATH}`;
}

type Outcome = { status?: number; messages: string[]; code?: number; reason?: string };

/** Connects, sends `send` once open, and collects what happens until the socket closes. */
function talk(url: string, headers: Record<string, string>, send: (ws: WebSocket) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const out: Outcome = { messages: [] };
    ws.on('unexpected-response', (_req, res) => resolve({ ...out, status: res.statusCode ?? 0 }));
    ws.on('open', () => send(ws));
    ws.on('message', (data) => out.messages.push(String(data)));
    ws.on('close', (code, reason) => resolve({ ...out, code, reason: reason.toString() }));
    ws.on('error', () => undefined);
  });
}

const GOOD = { cookie: 'tv_session=good' };

describe('the /speech endpoint', () => {
  test('refuses an upgrade without a session (401) and one from another site (403)', async () => {
    const url = await start('not installed');
    expect((await talk(url, {}, () => undefined)).status).toBe(401);
    expect((await talk(url, { cookie: 'tv_session=stale' }, () => undefined)).status).toBe(401);
    expect((await talk(url, { ...GOOD, origin: 'https://elsewhere.example' }, () => undefined)).status).toBe(
      403,
    );
  });

  test('without offline recognition it says why and closes with the "unavailable" code', async () => {
    const reason =
      'Offline speech recognition is not installed on this server (Debian packages pocketsphinx, pocketsphinx-en-us).';
    const url = await start(reason);
    const out = await talk(url, GOOD, (ws) => ws.send(helloMessage('en-US')));
    expect(out.messages.map((m) => JSON.parse(m))).toEqual([{ type: 'error', message: reason }]);
    expect(out.code).toBe(SPEECH_CLOSE.unavailable);
    expect(out.reason).toContain('Offline speech recognition is not installed');
  });

  test.skipIf(!sphinx.available)(
    'audio before the hello, a wrong sample rate and another language are refused with a reason (SKIPPED without pocketsphinx)',
    async () => {
      const url = await start(null);
      const audioFirst = await talk(url, GOOD, (ws) => ws.send(new Int16Array(160)));
      expect(audioFirst.code).toBe(SPEECH_CLOSE.badRequest);
      const rate = await talk(url, GOOD, (ws) =>
        ws.send(JSON.stringify({ type: 'hello', sampleRate: 8000, locale: 'en' })),
      );
      expect(rate.reason).toBe('Audio must be 16000 Hz mono 16-bit');
      const zulu = await talk(url, GOOD, (ws) => ws.send(helloMessage('zu-ZA')));
      expect(zulu.reason).toBe('Offline recognition speaks English only, not zu-ZA');
    },
  );

  test.skipIf(!sphinx.available)(
    'silence ends with an empty final; a third concurrent utterance is told the decoders are busy (SKIPPED without pocketsphinx)',
    async () => {
      const url = await start(null, 2);
      const held: WebSocket[] = [];
      const open = () =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(url, { headers: GOOD });
          ws.on('open', () => ws.send(helloMessage('en-US')));
          ws.on('message', (m) => {
            if (JSON.parse(String(m)).type === 'ready') resolve();
          });
          held.push(ws);
        });
      await open();
      await open();
      const third = await talk(url, GOOD, (ws) => ws.send(helloMessage('en-US')));
      expect(third.code).toBe(SPEECH_CLOSE.busy);
      for (const ws of held) ws.close();

      await new Promise((r) => setTimeout(r, 100));
      const quiet = await talk(url, GOOD, (ws) => {
        ws.send(helloMessage('en-US'));
        // Half a second of faint noise (not digital zero), then end.
        const noise = new Int16Array(8000).map((_, i) => ((i * 7919) % 11) - 5);
        ws.send(noise);
        ws.send(JSON.stringify({ type: 'end' }));
      });
      const final = quiet.messages.map((m) => JSON.parse(m)).find((m) => m.type === 'final');
      expect(final).toEqual({ type: 'final', transcript: '', confidence: expect.any(Number) });
      expect(quiet.code).toBe(SPEECH_CLOSE.done);
    },
  );
});
