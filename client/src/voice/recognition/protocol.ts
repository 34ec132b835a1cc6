/**
 * The speech WebSocket's wire format and the audio framing, shared by the browser polyfill, the
 * server endpoint and the real-audio test (which streams exactly what a browser would). Pure: no
 * DOM, no Node.
 *
 * Client -> server: a JSON `hello`, then binary frames of 16 kHz mono signed 16-bit little-endian
 * PCM, then a JSON `end` (or nothing: the server ends the utterance itself when the speaker stops).
 * Server -> client: `ready`, any number of `partial`, one `final`, or an `error`; then the server
 * closes (continuous recognition opens a new socket per utterance).
 */
export const SPEECH_PATH = '/speech';
export const SPEECH_SAMPLE_RATE = 16_000;
/** 100 ms of audio per frame: small enough for prompt partials, large enough to be cheap. */
export const SPEECH_CHUNK_SAMPLES = 1600;

export type ClientHello = { type: 'hello'; sampleRate: typeof SPEECH_SAMPLE_RATE; locale: string };
export type ClientEnd = { type: 'end' };
export type ClientMessage = ClientHello | ClientEnd;

export type ServerMessage =
  | { type: 'ready' }
  | { type: 'partial'; transcript: string; confidence: number }
  | { type: 'final'; transcript: string; confidence: number }
  | { type: 'error'; message: string };

/** Close codes the server uses (4000-4999 are the application's). */
export const SPEECH_CLOSE = {
  done: 1000,
  unavailable: 4503,
  busy: 4429,
  badRequest: 4400,
  /** The session ended while the socket was open (logout, disabled, signed out everywhere). */
  signedOut: 4401,
} as const;

export function parseServerMessage(data: string): ServerMessage | null {
  try {
    const m = JSON.parse(data) as Partial<Record<string, unknown>>;
    switch (m.type) {
      case 'ready':
        return { type: 'ready' };
      case 'partial':
      case 'final':
        return typeof m.transcript === 'string' && typeof m.confidence === 'number'
          ? { type: m.type, transcript: m.transcript, confidence: m.confidence }
          : null;
      case 'error':
        return typeof m.message === 'string' ? { type: 'error', message: m.message } : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/**
 * Turns microphone audio at any rate into 16 kHz Int16 frames of SPEECH_CHUNK_SAMPLES. Each output
 * sample averages the input samples it covers (a box filter: crude, but enough against aliasing for
 * a speech recogniser at 16 kHz). Keeps its position across calls so frame edges leave no clicks.
 */
export class PcmFramer {
  readonly #ratio: number;
  #position = 0;
  #sum = 0;
  #count = 0;
  #frame = new Int16Array(SPEECH_CHUNK_SAMPLES);
  #filled = 0;

  constructor(inputRate: number) {
    if (!(inputRate >= SPEECH_SAMPLE_RATE)) throw new RangeError(`Cannot capture speech at ${inputRate} Hz`);
    this.#ratio = inputRate / SPEECH_SAMPLE_RATE;
  }

  /** Float samples in -1..1; returns the frames completed by them. */
  push(input: ArrayLike<number>): Int16Array<ArrayBuffer>[] {
    const out: Int16Array<ArrayBuffer>[] = [];
    for (let i = 0; i < input.length; i++) {
      this.#sum += input[i] ?? 0;
      this.#count += 1;
      this.#position += 1;
      if (this.#position >= this.#ratio) {
        this.#position -= this.#ratio;
        const v = Math.max(-1, Math.min(1, this.#sum / this.#count));
        this.#sum = 0;
        this.#count = 0;
        this.#frame[this.#filled++] = Math.round(v < 0 ? v * 0x8000 : v * 0x7fff);
        if (this.#filled === SPEECH_CHUNK_SAMPLES) {
          out.push(this.#frame);
          this.#frame = new Int16Array(SPEECH_CHUNK_SAMPLES);
          this.#filled = 0;
        }
      }
    }
    return out;
  }

  /** What is left of a partial frame (at the end of speech). */
  flush(): Int16Array<ArrayBuffer> | null {
    if (this.#filled === 0) return null;
    const rest = this.#frame.slice(0, this.#filled);
    this.#filled = 0;
    return rest;
  }
}

/** Already-16 kHz Int16 audio (a file, a test) in the frames a browser would send. */
export function framesOf(pcm: Int16Array): Int16Array<ArrayBuffer>[] {
  const out: Int16Array<ArrayBuffer>[] = [];
  for (let i = 0; i < pcm.length; i += SPEECH_CHUNK_SAMPLES) out.push(pcm.slice(i, i + SPEECH_CHUNK_SAMPLES));
  return out;
}

export function helloMessage(locale: string): string {
  const hello: ClientHello = { type: 'hello', sampleRate: SPEECH_SAMPLE_RATE, locale };
  return JSON.stringify(hello);
}

export const END_MESSAGE = JSON.stringify({ type: 'end' } satisfies ClientEnd);
