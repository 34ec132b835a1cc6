import { type RecognitionLike, ServerSpeechRecognition } from './ServerSpeechRecognition.ts';

export { type RecognitionLike, ServerSpeechRecognition } from './ServerSpeechRecognition.ts';

/** The browser's own recogniser class, if it has one (Chrome/Edge: cloud; Safari: on device or cloud). */
type NativeRecognitionClass = new () => RecognitionLike;

function nativeRecognition(): NativeRecognitionClass | null {
  const w = globalThis as {
    SpeechRecognition?: NativeRecognitionClass;
    webkitSpeechRecognition?: NativeRecognitionClass;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** Whether this page could capture and stream audio for the server recogniser. */
function canStream(): boolean {
  return (
    typeof WebSocket !== 'undefined' &&
    typeof AudioContext !== 'undefined' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

export type RecognitionChoice = 'browser' | 'server' | 'none';

/**
 * Which recogniser this browser gets: its own, else the server polyfill when the server has offline
 * recognition (`voice.status`; pass `serverAvailable: false` when it said no), else none (typed
 * commands). `prefer: 'server'` picks the polyfill even where the browser has a recogniser (sites
 * with poor Wi-Fi, where a cloud recogniser fails).
 */
export function recognitionChoice(
  options: { serverAvailable?: boolean | undefined; prefer?: 'browser' | 'server' } = {},
): RecognitionChoice {
  const server = options.serverAvailable !== false && canStream();
  if (options.prefer === 'server' && server) return 'server';
  if (nativeRecognition()) return 'browser';
  return server ? 'server' : 'none';
}

/**
 * A recogniser with the Web Speech API's shape, or null when speech input cannot work here. When the
 * server's availability is not known yet the polyfill is returned; if the server then has no
 * offline recogniser it reports `service-not-allowed` with the server's reason.
 */
export function createRecognition(
  options: { serverAvailable?: boolean | undefined; prefer?: 'browser' | 'server' } = {},
): RecognitionLike | null {
  const choice = recognitionChoice(options);
  switch (choice) {
    case 'browser': {
      const Native = nativeRecognition();
      return Native ? new Native() : null;
    }
    case 'server':
      return new ServerSpeechRecognition();
    case 'none':
      return null;
    default: {
      const unreachable: never = choice;
      return unreachable;
    }
  }
}
