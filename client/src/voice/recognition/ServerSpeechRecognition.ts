import { exhaustive } from '../../../../common/errors.ts';
import { PcmFramer, SPEECH_PATH } from './protocol.ts';
import { SpeechStream, type StreamError } from './stream.ts';

/** Result shapes of the Web Speech API, so listeners treat both recognisers alike. */
export type Alternative = { transcript: string; confidence?: number };
export type RecognitionResult = ArrayLike<Alternative> & { isFinal: boolean };
export type RecognitionResultEvent = { resultIndex: number; results: ArrayLike<RecognitionResult> };
export type RecognitionErrorEvent = { error: string; message?: string };

/** What the app uses of a recogniser: the Web Speech API's and this polyfill both have it. */
export type RecognitionLike = {
  continuous: boolean;
  interimResults: boolean;
  lang: string;
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onerror: ((event: RecognitionErrorEvent) => void) | null;
  onend: (() => void) | null;
};

type Handler<E> = ((event: E) => void) | null;
type Notify = ((event?: Event) => void) | null;

function result(
  transcript: string,
  confidence: number,
  isFinal: boolean,
): RecognitionResult & {
  item(index: number): Alternative;
} {
  const alternative = { transcript, confidence };
  return { 0: alternative, length: 1, isFinal, item: () => alternative };
}

// Posts each render quantum of the first input channel to the main thread.
const WORKLET_SOURCE = `registerProcessor('twinventory-capture', class extends AudioWorkletProcessor {
  process(inputs) { const c = inputs[0] && inputs[0][0]; if (c) this.port.postMessage(c.slice(0)); return true; }
});`;

type Capture = { stop(): void };

/**
 * A `SpeechRecognition`-shaped recogniser for browsers without one (Firefox, some headsets): the
 * microphone is captured (AudioWorklet, or ScriptProcessor where there is none), reduced to 16 kHz
 * mono 16-bit and streamed to the server's offline recogniser over /speech, one socket per
 * utterance. Results arrive through the standard events (`onresult`, `onerror`, `onend`, ...).
 */
export class ServerSpeechRecognition extends EventTarget {
  continuous = false;
  interimResults = false;
  lang = 'en-US';
  maxAlternatives = 1;

  onstart: Notify = null;
  onend: Notify = null;
  onresult: Handler<RecognitionResultEvent> = null;
  onerror: Handler<RecognitionErrorEvent> = null;
  onnomatch: Notify = null;
  onspeechend: Notify = null;

  #running = false;
  #stopping = false;
  #capture: Capture | null = null;
  #framer: PcmFramer | null = null;
  #stream: SpeechStream | null = null;
  #results: RecognitionResult[] = [];

  start(): void {
    if (this.#running) throw new DOMException('Recognition has already started', 'InvalidStateError');
    this.#running = true;
    this.#stopping = false;
    this.#results = [];
    this.#notify('start');
    void this.#open();
  }

  /** Stops listening; what was heard so far is still recognised and reported. */
  stop(): void {
    if (!this.#running || this.#stopping) return;
    this.#stopping = true;
    this.#stopCapture();
    const rest = this.#framer?.flush();
    if (rest) this.#stream?.sendAudio(rest);
    if (this.#stream) this.#stream.end();
    else this.#finish();
  }

  /** Stops at once without a result. */
  abort(): void {
    if (!this.#running) return;
    this.#stopping = true;
    this.#stopCapture();
    const stream = this.#stream;
    this.#stream = null;
    if (stream) stream.abort();
    else this.#error('aborted', 'Recognition was aborted');
    this.#finish();
  }

  async #open(): Promise<void> {
    try {
      this.#capture = await this.#startCapture();
    } catch (error) {
      const denied =
        error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
      this.#error(denied ? 'not-allowed' : 'audio-capture', String(error));
      this.#finish();
      return;
    }
    if (this.#stopping) {
      this.#stopCapture();
      this.#finish();
      return;
    }
    this.#openStream();
  }

  #openStream(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${SPEECH_PATH}`);
    const index = this.#results.length;
    const stream = new SpeechStream(socket, this.lang, {
      partial: (transcript) => {
        if (!this.interimResults || this.#stream !== stream) return;
        this.#results[index] = result(transcript, 0, false);
        this.#emitResult(index);
      },
      final: (transcript, confidence) => {
        if (this.#stream !== stream) return;
        this.#notify('speechend');
        if (!transcript) {
          this.#results.length = index;
          this.#notify('nomatch');
          return;
        }
        this.#results[index] = result(transcript, confidence, true);
        this.#emitResult(index);
      },
      error: (error, message) => {
        if (this.#stream === stream && error !== 'aborted') this.#error(error, message);
      },
      closed: () => {
        if (this.#stream !== stream) return;
        this.#stream = null;
        // Continuous recognition listens on with a new utterance until stopped.
        if (this.continuous && !this.#stopping && this.#capture) this.#openStream();
        else {
          this.#stopCapture();
          this.#finish();
        }
      },
    });
    this.#stream = stream;
  }

  #onAudio = (samples: Float32Array): void => {
    const framer = this.#framer;
    const stream = this.#stream;
    if (!framer || !stream || this.#stopping) return;
    for (const frame of framer.push(samples)) stream.sendAudio(frame);
  };

  async #startCapture(): Promise<Capture> {
    const media = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
    const context = new AudioContext();
    // Created after an await, so outside the click that started us: some browsers start it suspended.
    if (context.state === 'suspended') await context.resume();
    this.#framer = new PcmFramer(context.sampleRate);
    const source = context.createMediaStreamSource(media);
    const stopAll = (node: AudioNode) => () => {
      node.disconnect();
      source.disconnect();
      for (const track of media.getTracks()) track.stop();
      void context.close();
    };
    if (context.audioWorklet) {
      const url = URL.createObjectURL(new Blob([WORKLET_SOURCE], { type: 'application/javascript' }));
      try {
        await context.audioWorklet.addModule(url);
      } finally {
        URL.revokeObjectURL(url);
      }
      const node = new AudioWorkletNode(context, 'twinventory-capture');
      node.port.onmessage = (event: MessageEvent<Float32Array>) => this.#onAudio(event.data);
      source.connect(node);
      return { stop: stopAll(node) };
    }
    // Older browsers: ScriptProcessor runs on the main thread, but it is all they have.
    const processor = context.createScriptProcessor(4096, 1, 1);
    processor.onaudioprocess = (event) => this.#onAudio(event.inputBuffer.getChannelData(0));
    source.connect(processor);
    processor.connect(context.destination);
    return { stop: stopAll(processor) };
  }

  #stopCapture(): void {
    this.#capture?.stop();
    this.#capture = null;
  }

  #error(error: StreamError | 'not-allowed' | 'audio-capture', message: string): void {
    const event = Object.assign(new Event('error'), { error, message });
    this.onerror?.(event);
    this.dispatchEvent(event);
  }

  #emitResult(resultIndex: number): void {
    const event = Object.assign(new Event('result'), { resultIndex, results: this.#results });
    this.onresult?.(event);
    this.dispatchEvent(event);
  }

  #finish(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#framer = null;
    this.#notify('end');
  }

  #notify(type: 'start' | 'end' | 'nomatch' | 'speechend'): void {
    const event = new Event(type);
    const handler = this.#handler(type);
    handler?.(event);
    this.dispatchEvent(event);
  }

  #handler(type: 'start' | 'end' | 'nomatch' | 'speechend'): Notify {
    switch (type) {
      case 'start':
        return this.onstart;
      case 'end':
        return this.onend;
      case 'nomatch':
        return this.onnomatch;
      case 'speechend':
        return this.onspeechend;
      default:
        return exhaustive(type);
    }
  }
}
