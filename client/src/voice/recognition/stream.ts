import { exhaustive } from '../../../../common/errors.ts';
import { END_MESSAGE, helloMessage, parseServerMessage, SPEECH_CLOSE } from './protocol.ts';

/** What a browser WebSocket and the `ws` package's WebSocket both offer. */
export type SocketLike = {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Int16Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
};

/** Web Speech API error codes this stream can report. */
export type StreamError = 'network' | 'service-not-allowed' | 'aborted';

export type StreamEvents = {
  partial(transcript: string): void;
  final(transcript: string, confidence: number): void;
  error(error: StreamError, message: string): void;
  /** The socket is closed: after the final, an error, or an abort. Always called once. */
  closed(): void;
};

const OPEN = 1;

/**
 * One utterance over the /speech socket: hello, audio frames (queued until the socket opens), end;
 * partial and final transcripts back. Shared by the browser polyfill and the real-audio test, so
 * the test exercises the very framing the browser uses.
 */
export class SpeechStream {
  readonly #socket: SocketLike;
  readonly #events: StreamEvents;
  #pending: (string | Int16Array<ArrayBuffer>)[] = [];
  #finalSeen = false;
  #errored = false;
  #serverError = '';
  #closed = false;

  constructor(socket: SocketLike, locale: string, events: StreamEvents) {
    this.#socket = socket;
    this.#events = events;
    socket.binaryType = 'arraybuffer';
    this.#pending.push(helloMessage(locale));
    socket.addEventListener('open', () => {
      for (const m of this.#pending) socket.send(m);
      this.#pending = [];
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const m = parseServerMessage(event.data);
      if (!m) return;
      switch (m.type) {
        case 'ready':
          return;
        case 'partial':
          this.#events.partial(m.transcript);
          return;
        case 'final':
          this.#finalSeen = true;
          this.#events.final(m.transcript, m.confidence);
          return;
        case 'error':
          // Reported on close, whose code says what kind of failure it was.
          this.#serverError = m.message;
          return;
        default:
          exhaustive(m);
      }
    });
    socket.addEventListener('error', () => this.#fail('network', 'The speech connection failed'));
    socket.addEventListener('close', (event) => {
      const message = this.#serverError || event.reason;
      if (event.code === SPEECH_CLOSE.unavailable || event.code === SPEECH_CLOSE.busy) {
        this.#fail('service-not-allowed', message || 'Offline speech recognition is not available');
      } else if (!this.#finalSeen) {
        this.#fail('network', message || 'The speech connection closed');
      }
      this.#close();
    });
  }

  sendAudio(frame: Int16Array<ArrayBuffer>): void {
    if (this.#closed || this.#finalSeen) return;
    if (this.#socket.readyState === OPEN) this.#socket.send(frame);
    else this.#pending.push(frame);
  }

  /** No more audio: the server answers with the final transcript. */
  end(): void {
    if (this.#closed || this.#finalSeen) return;
    if (this.#socket.readyState === OPEN) this.#socket.send(END_MESSAGE);
    else this.#pending.push(END_MESSAGE);
  }

  abort(): void {
    if (this.#closed) return;
    this.#fail('aborted', 'Recognition was aborted');
    this.#socket.close(SPEECH_CLOSE.done, 'aborted');
    this.#close();
  }

  #fail(error: StreamError, message: string): void {
    if (this.#errored || this.#finalSeen) return;
    this.#errored = true;
    this.#events.error(error, message);
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#events.closed();
  }
}
