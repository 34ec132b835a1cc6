/**
 * Spoken answers through the browser's speech synthesiser, where there is one. Every answer is also
 * shown as text, so a browser without a synthesiser (or with its sound off) loses nothing.
 */

// Some synthesisers never fire `end` (no voices installed, a headless browser), so an answer counts
// as finished after roughly the time it takes to say it.
const MS_PER_CHAR = 75;
const GRACE_MS = 1500;

let current: { done(): void } | null = null;

const canSpeak = (): boolean => typeof window !== 'undefined' && 'speechSynthesis' in window;

/** Speaks `text` (interrupting anything still being said); resolves when it ends or is cut off. */
export function speak(text: string, lang = 'en'): Promise<void> {
  stopSpeaking();
  if (!canSpeak() || text.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (current === entry) current = null;
      resolve();
    };
    const entry = { done };
    current = entry;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang;
    utterance.onend = done;
    utterance.onerror = done;
    timer = setTimeout(done, GRACE_MS + text.length * MS_PER_CHAR);
    window.speechSynthesis.speak(utterance);
  });
}

/** Cuts off the answer being spoken (the user pressed talk, or started speaking). */
export function stopSpeaking(): void {
  const speaking = current;
  current = null;
  if (canSpeak()) window.speechSynthesis.cancel();
  speaking?.done();
}

export const isSpeaking = (): boolean => current !== null;
