/**
 * The wake phrase for hands-free mode, per locale. Recognisers write it many ways ("Hey Twin,",
 * "hey twin", "okay twin"), so the transcript is compared word by word after removing case and
 * punctuation.
 */
const WAKE_PHRASES: Readonly<Record<string, readonly string[]>> = {
  en: ['hey twin', 'hi twin', 'ok twin', 'okay twin'],
};

export const WAKE_HINT = 'hey twin';

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);

/**
 * What was said after the wake phrase: `null` when the transcript does not start with one, `''`
 * when it was the wake phrase alone (the next sentence is the command).
 */
export function afterWake(
  transcript: string,
  phrases: readonly string[] = WAKE_PHRASES.en ?? [],
): string | null {
  const heard = words(transcript);
  for (const phrase of phrases) {
    const wake = words(phrase);
    if (wake.every((w, i) => heard[i] === w)) return heard.slice(wake.length).join(' ');
  }
  return null;
}
