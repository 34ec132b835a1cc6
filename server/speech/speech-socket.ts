import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  type ServerMessage,
  SPEECH_CLOSE,
  SPEECH_PATH,
  SPEECH_SAMPLE_RATE,
} from '../../client/src/voice/recognition/protocol.ts';
import type { SessionUser } from '../../common/roles.ts';
import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { readCookie, SESSION_COOKIE } from '../api/context.ts';
import { hashSecretToken } from '../domain/secret-token.ts';
import { originAllowed } from '../edge/origin-check.ts';
import { refuseUpgrade } from '../edge/upgrade.ts';
import {
  OfflineRecogniser,
  RecogniserBusyError,
  type RecogniserLimits,
  type Utterance,
} from './recogniser.ts';

export type SpeechEndpointDeps = {
  userForToken(token: string | undefined): Promise<SessionUser | null>;
  /** Why offline recognition is unavailable, or null when it is installed. */
  unavailableReason: string | null;
  /** The live vocabulary the grammar is built from, and its later versions. */
  vocabulary(): Promise<Vocabulary>;
  onVocabulary(listener: (vocabulary: Vocabulary) => void): () => void;
  log(message: string): void;
  limits?: Partial<RecogniserLimits>;
  /** Origins besides the server's own whose pages may open the socket (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /**
   * Told which sessions just ended (a logout, a disabled account, signed out everywhere): their
   * open sockets close at once. `ended(userId, sessionHash)` says whether one session is among them.
   */
  onSessionsEnded?(listener: (ended: (userId: number, sessionHash: string) => boolean) => void): () => void;
};

export type SpeechEndpoint = {
  /** The recogniser (null when unavailable); give it each new vocabulary. */
  recogniser: OfflineRecogniser | null;
  /** Handles an HTTP upgrade for /speech; returns false for other paths (left to others). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Decode latency of recent utterances (end of audio -> final), for the operations page. */
  latencies(): number[];
  close(): void;
};

const SIGNED_OUT = 'Your session has ended; log in again to use voice';

/** A client that says nothing for this long after connecting is dropped. */
const HELLO_TIMEOUT_MS = 5000;
/** Longest the server waits for audio once the utterance started. */
const IDLE_TIMEOUT_MS = 15_000;
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * The /speech WebSocket: authenticated by the session cookie (anonymous upgrades get 401, a page
 * from another origin 403), one utterance per connection, decoded by the offline recogniser. The
 * wire format is in client/src/voice/recognition/protocol.ts.
 */
export function createSpeechEndpoint(deps: SpeechEndpointDeps): SpeechEndpoint {
  const recogniser = deps.unavailableReason === null ? new OfflineRecogniser(deps.limits) : null;
  const apply = (vocabulary: Vocabulary) => {
    if (!recogniser) return;
    try {
      const grammar = recogniser.setVocabulary(vocabulary);
      for (const d of grammar.dropped) {
        deps.log(`Speech grammar: "${d.phrase}" left out (no pronunciation for "${d.word}")`);
      }
    } catch (error) {
      deps.log(`Speech grammar failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  // The grammar is built on the first connection (a server nobody talks to never reads the CMU
  // dictionary) and rebuilt with every new vocabulary after that.
  let ready: Promise<void> | null = null;
  const whenReady = (): Promise<void> => {
    ready ??= deps.vocabulary().then(apply, (error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };
  const unsubscribe = deps.onVocabulary((vocabulary) => {
    if (ready) apply(vocabulary);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const recent: number[] = [];
  const sessions = new Map<WebSocket, { userId: number; sessionHash: string }>();
  const stopWatching = deps.onSessionsEnded?.((ended) => {
    for (const [ws, session] of sessions) {
      if (!ended(session.userId, session.sessionHash)) continue;
      sessions.delete(ws);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'error', message: SIGNED_OUT }));
      ws.close(SPEECH_CLOSE.signedOut, SIGNED_OUT);
    }
  });

  return {
    recogniser,
    latencies: () => [...recent],
    handleUpgrade(req, socket, head) {
      const path = (req.url ?? '').split('?')[0];
      if (path !== SPEECH_PATH) return false;
      // Browsers send Origin on WebSocket upgrades; a cookie alone must not let another site listen.
      if (!originAllowed(req, deps.allowedOrigins ?? [])) {
        refuseUpgrade(socket, 403, 'Speech is only accepted from this site');
        return true;
      }
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      deps
        .userForToken(token)
        .then((user) => {
          if (!user || token === undefined) {
            refuseUpgrade(socket, 401, 'Log in first');
            return;
          }
          wss.handleUpgrade(req, socket, head, (ws) => {
            sessions.set(ws, { userId: user.id, sessionHash: hashSecretToken(token) });
            ws.once('close', () => sessions.delete(ws));
            serve(ws, recogniser, whenReady, deps, (ms) => {
              recent.push(ms);
              if (recent.length > 100) recent.shift();
            });
          });
        })
        .catch((error: unknown) => {
          deps.log(`Speech upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
          socket.destroy();
        });
      return true;
    },
    close() {
      unsubscribe();
      stopWatching?.();
      for (const client of wss.clients) client.terminate();
      wss.close();
      recogniser?.close();
    },
  };
}

function serve(
  ws: WebSocket,
  recogniser: OfflineRecogniser | null,
  whenReady: () => Promise<void>,
  deps: SpeechEndpointDeps,
  recordLatency: (ms: number) => void,
): void {
  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  };
  const fail = (code: number, message: string) => {
    send({ type: 'error', message });
    // A close reason is limited to 123 bytes; the full text went in the error message.
    ws.close(code, message.slice(0, 120));
  };
  if (!recogniser) {
    fail(SPEECH_CLOSE.unavailable, deps.unavailableReason ?? 'Offline speech recognition is not available.');
    return;
  }

  let utterance: Utterance | null = null;
  // Audio that arrives while the first grammar is still being built waits for it.
  let starting: Promise<void> | null = null;
  let finishing = false;
  let timer = setTimeout(() => fail(SPEECH_CLOSE.badRequest, 'No hello received'), HELLO_TIMEOUT_MS);

  const finish = (audioEnded: number) => {
    if (!utterance || finishing) return;
    finishing = true;
    clearTimeout(timer);
    utterance
      .finish()
      .then((result) => {
        const latency = performance.now() - audioEnded;
        recordLatency(latency);
        send({ type: 'final', transcript: result.transcript, confidence: result.confidence });
        ws.close(SPEECH_CLOSE.done, 'done');
      })
      .catch((error: unknown) => {
        deps.log(`Speech decode failed: ${error instanceof Error ? error.message : String(error)}`);
        fail(1011, 'Speech recognition failed on the server.');
      });
  };

  const onAudio = (data: RawData) => {
    const current = utterance;
    if (finishing || !current) return;
    const samples = pcmOf(data);
    if (!samples) {
      fail(SPEECH_CLOSE.badRequest, 'Audio frames must hold whole 16-bit samples');
      return;
    }
    current
      .feed(samples)
      .then((r) => {
        if (finishing) return;
        if (r.partial) send({ type: 'partial', transcript: r.partial, confidence: 0 });
        if (r.endOfSpeech || r.tooLong) finish(performance.now());
      })
      .catch((error: unknown) => {
        deps.log(`Speech decode failed: ${error instanceof Error ? error.message : String(error)}`);
        fail(1011, 'Speech recognition failed on the server.');
      });
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (finishing) return;
    const message = isBinary ? null : parseClientMessage(data);
    if (!starting) {
      if (message?.type !== 'hello') {
        fail(SPEECH_CLOSE.badRequest, 'Send a hello, then audio, then end');
        return;
      }
      if (message.sampleRate !== SPEECH_SAMPLE_RATE) {
        fail(SPEECH_CLOSE.badRequest, `Audio must be ${SPEECH_SAMPLE_RATE} Hz mono 16-bit`);
        return;
      }
      if (!message.locale.toLowerCase().startsWith('en')) {
        fail(SPEECH_CLOSE.badRequest, `Offline recognition speaks English only, not ${message.locale}`);
        return;
      }
      clearTimeout(timer);
      starting = whenReady().then(
        () => {
          if (ws.readyState !== ws.OPEN) return;
          try {
            utterance = recogniser.open();
          } catch (error) {
            if (error instanceof RecogniserBusyError) fail(SPEECH_CLOSE.busy, error.message);
            else fail(SPEECH_CLOSE.unavailable, 'The speech grammar could not be built; see the server log.');
            return;
          }
          timer = setTimeout(() => finish(performance.now()), IDLE_TIMEOUT_MS);
          send({ type: 'ready' });
        },
        (error: unknown) => {
          deps.log(`Speech vocabulary failed: ${error instanceof Error ? error.message : String(error)}`);
          fail(SPEECH_CLOSE.unavailable, 'The speech vocabulary could not be read; try again in a moment.');
        },
      );
      return;
    }
    if (!isBinary && message?.type !== 'end') {
      fail(SPEECH_CLOSE.badRequest, 'After the hello, send audio frames and then end');
      return;
    }
    // Callbacks on one promise run in the order they were added, so frames keep their order.
    void starting.then(() => (isBinary ? onAudio(data) : finish(performance.now())));
  });
  ws.on('close', () => {
    clearTimeout(timer);
    if (!finishing) utterance?.abort();
  });
  ws.on('error', () => ws.terminate());
}

/** A client message as received: the sample rate is checked by the caller, to say what is wrong. */
type Received = { type: 'hello'; sampleRate: unknown; locale: string } | { type: 'end' };

function parseClientMessage(data: RawData): Received | null {
  try {
    const m = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)) as Record<
      string,
      unknown
    >;
    if (m.type === 'end') return { type: 'end' };
    if (m.type === 'hello' && typeof m.locale === 'string') {
      return { type: 'hello', sampleRate: m.sampleRate, locale: m.locale };
    }
    return null;
  } catch {
    return null;
  }
}

function pcmOf(data: RawData): Int16Array | null {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  if (buffer.length % 2 !== 0) return null;
  // Copy into an aligned buffer: a Buffer's offset into its pool need not be even.
  const copy = new Int16Array(buffer.length / 2);
  new Uint8Array(copy.buffer).set(buffer);
  return copy;
}
