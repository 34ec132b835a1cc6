import { createRecognition, recognitionChoice } from './recognition/index.ts';
import type { RecognitionErrorEvent, RecognitionResultEvent } from './recognition/ServerSpeechRecognition.ts';
import { isSpeaking, stopSpeaking } from './speak.ts';
import { type MicStatus, setActivity, voiceStore } from './store.ts';
import { afterWake } from './wake.ts';

type Recognition = NonNullable<ReturnType<typeof createRecognition>>;

type Mode = 'off' | 'push' | 'hands-free';

// After the wake phrase alone, the next sentence within this time is the command.
const AWAKE_MS = 8000;
// A continuous recogniser stops on its own now and then (Chrome: after about a minute of silence).
const RESTART_MS = 250;

const MIC_ERRORS: Readonly<Record<string, MicStatus>> = {
  'not-allowed': 'denied',
  // The recogniser's service refused (the server has no offline recogniser, or the browser's
  // speech service is switched off): speech input is not available here.
  'service-not-allowed': 'unavailable',
  'audio-capture': 'no-microphone',
  network: 'network',
};

/**
 * Speech in: push-to-talk (one utterance per press) and hands-free (always listening, acting only
 * on sentences that start with the wake phrase, or that answer a question the assistant asked).
 * The recogniser comes from `createRecognition()`: the browser's, the server-streaming polyfill,
 * or none.
 */
export class VoiceListener {
  readonly #onCommand: (text: string) => void;
  readonly #awaiting: () => boolean;
  #recognition: Recognition | null | undefined;
  #server: { available: boolean; reason: string | null } | undefined;
  #mode: Mode = 'off';
  #running = false;
  #awakeUntil = 0;
  #restart: ReturnType<typeof setTimeout> | undefined;
  #awakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(onCommand: (text: string) => void, awaiting: () => boolean) {
    this.#onCommand = onCommand;
    this.#awaiting = awaiting;
  }

  /**
   * What the server said about its offline recogniser (`voice.status`), before the first use: with
   * no recogniser in the browser and none on the server, speech input is unavailable.
   */
  prepare(server: { available: boolean; reason: string | null }): void {
    this.#server = server;
  }

  /** Whether speech input can work at all here (creates the recogniser on first use). */
  available(): boolean {
    return this.#ensure() !== null;
  }

  /** A press on talk: interrupts the answer, then listens for one command (or stops listening). */
  pushToTalk(): void {
    stopSpeaking();
    const rec = this.#ensure();
    if (rec === null) return;
    if (this.#mode === 'hands-free') {
      // Already listening: the press stands in for the wake phrase.
      this.#wake();
      return;
    }
    if (this.#mode === 'push' && this.#running) {
      rec.stop();
      return;
    }
    this.#begin(rec, 'push');
  }

  setHandsFree(on: boolean): void {
    const rec = this.#ensure();
    if (rec === null) return;
    voiceStore.setState({ handsFree: on });
    if (on) this.#begin(rec, 'hands-free');
    else this.stop();
  }

  stop(): void {
    clearTimeout(this.#restart);
    this.#sleep();
    this.#mode = 'off';
    voiceStore.setState({ handsFree: false, interim: '' });
    if (this.#running) this.#recognition?.abort();
  }

  #begin(rec: Recognition, mode: Mode): void {
    clearTimeout(this.#restart);
    this.#mode = mode;
    if (this.#running) rec.abort();
    rec.continuous = mode === 'hands-free';
    rec.interimResults = true;
    rec.lang = 'en-US';
    this.#start(rec);
  }

  #start(rec: Recognition): void {
    try {
      rec.start();
      this.#running = true;
      setActivity('listening', true);
    } catch (error) {
      // start() throws when a previous session has not ended yet; its `end` restarts us.
      console.warn('voice: recogniser did not start', error);
    }
  }

  #ensure(): Recognition | null {
    if (this.#recognition !== undefined) return this.#recognition;
    const options = { serverAvailable: this.#server?.available };
    const rec = createRecognition(options);
    this.#recognition = rec;
    const recogniser = recognitionChoice(options);
    if (rec === null) {
      voiceStore.setState({ mic: 'unavailable', micDetail: this.#server?.reason ?? null, recogniser });
      return null;
    }
    voiceStore.setState({ mic: 'ready', micDetail: null, recogniser });
    rec.onresult = (event: RecognitionResultEvent) => {
      // Hearing something proves the microphone works; a problem shown earlier is over.
      if (voiceStore.getState().mic !== 'ready') voiceStore.setState({ mic: 'ready' });
      let interim = '';
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        const text = result?.[0]?.transcript ?? '';
        if (result?.isFinal) this.#final(text);
        else interim += text;
      }
      voiceStore.setState({ interim });
    };
    rec.onerror = (event: RecognitionErrorEvent) => {
      const status = MIC_ERRORS[event.error];
      if (status === undefined) return; // no-speech, aborted: nothing to report
      voiceStore.setState({ mic: status, micDetail: event.message || null });
      this.stop();
    };
    rec.onend = () => {
      this.#running = false;
      setActivity('listening', false);
      voiceStore.setState({ interim: '' });
      if (this.#mode === 'push') this.#mode = 'off';
      if (this.#mode === 'hands-free') this.#restart = setTimeout(() => this.#start(rec), RESTART_MS);
    };
    return rec;
  }

  #final(text: string): void {
    if (this.#mode !== 'hands-free') {
      this.#onCommand(text);
      return;
    }
    const addressed = afterWake(text);
    if (addressed !== null) {
      stopSpeaking();
      if (addressed === '') this.#wake();
      else this.#onCommand(addressed);
      return;
    }
    // Without the wake phrase, only an expected answer counts, and not while we are talking
    // (the microphone may be hearing our own voice).
    if (isSpeaking()) return;
    if (Date.now() < this.#awakeUntil || this.#awaiting()) {
      this.#sleep();
      this.#onCommand(text);
    }
  }

  /** The wake phrase alone (or a press in hands-free mode): the next sentence is the command. */
  #wake(): void {
    clearTimeout(this.#awakeTimer);
    this.#awakeUntil = Date.now() + AWAKE_MS;
    voiceStore.setState({ awake: true });
    this.#awakeTimer = setTimeout(() => this.#sleep(), AWAKE_MS);
  }

  #sleep(): void {
    clearTimeout(this.#awakeTimer);
    this.#awakeUntil = 0;
    voiceStore.setState({ awake: false });
  }
}
