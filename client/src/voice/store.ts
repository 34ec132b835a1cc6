import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** What the assistant is doing, shown on the voice button and panel. */
export type VoicePhase = 'idle' | 'listening' | 'thinking' | 'speaking';

/**
 * Whether speech input can work here. `unavailable`: no recogniser in this browser and none on the
 * server; `denied`: the microphone permission was refused; `no-microphone`: no input device;
 * `network`: the recogniser could not reach its service. Typing always works.
 */
export type MicStatus = 'unknown' | 'ready' | 'unavailable' | 'denied' | 'no-microphone' | 'network';

export type LogLine = { id: number; who: 'you' | 'twin'; text: string };

export type VoiceUiState = {
  open: boolean;
  /** Derived from the three activities below: speaking, then thinking, then listening wins. */
  phase: VoicePhase;
  listening: boolean;
  thinking: boolean;
  speaking: boolean;
  handsFree: boolean;
  /** Hands-free heard the wake phrase alone and takes the next sentence as the command. */
  awake: boolean;
  mic: MicStatus;
  /** Why, in the recogniser's words (e.g. the server's reason it has no offline recogniser). */
  micDetail: string | null;
  /** Which recogniser speech goes to: the browser's, the server's offline one, or none. */
  recogniser: 'browser' | 'server' | 'none' | null;
  /** Words the recogniser has heard so far in this utterance (not final). */
  interim: string;
  heard: string;
  reply: string;
  /** The assistant asked something (confirm, which one) and waits for the answer. */
  awaiting: boolean;
  log: LogLine[];
};

const LOG_LINES = 8;
let nextLine = 1;

const INITIAL: VoiceUiState = {
  open: false,
  phase: 'idle',
  listening: false,
  thinking: false,
  speaking: false,
  handsFree: false,
  awake: false,
  mic: 'unknown',
  micDetail: null,
  recogniser: null,
  interim: '',
  heard: '',
  reply: '',
  awaiting: false,
  log: [],
};

export const voiceStore = createStore<VoiceUiState>()(() => INITIAL);

export const resetVoiceUi = (): void => voiceStore.setState(INITIAL);

type Activity = 'listening' | 'thinking' | 'speaking';

export function setActivity(activity: Activity, on: boolean): void {
  const s = { ...voiceStore.getState(), [activity]: on };
  const phase: VoicePhase = s.speaking
    ? 'speaking'
    : s.thinking
      ? 'thinking'
      : s.listening
        ? 'listening'
        : 'idle';
  voiceStore.setState({ [activity]: on, phase });
}

export function addLine(who: LogLine['who'], text: string): void {
  const log = [...voiceStore.getState().log, { id: nextLine++, who, text }].slice(-LOG_LINES);
  voiceStore.setState(who === 'you' ? { log, heard: text, interim: '' } : { log, reply: text });
}

export const useVoiceUi = <T>(select: (s: VoiceUiState) => T): T => useStore(voiceStore, select);

/**
 * What end-to-end tests may read (never write): `window.__voice`. `spoken` is every text handed to
 * the speech synthesiser (as it was spoken), `shown` every reply shown, oldest first.
 */
export type VoiceProbe = { state: VoicePhase; spoken: string[]; shown: string[] };

declare global {
  interface Window {
    __voice?: VoiceProbe;
  }
}

export const voiceProbe: VoiceProbe = { state: 'idle', spoken: [], shown: [] };
voiceStore.subscribe((s) => {
  voiceProbe.state = s.phase;
});
if (typeof window !== 'undefined') window.__voice = voiceProbe;
