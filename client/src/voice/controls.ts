import type { VoiceListener } from './listener.ts';
import type { VoicePipeline } from './pipeline.ts';

let active: { pipeline: VoicePipeline; listener: VoiceListener } | null = null;

/** The voice panel registers its engine here while it is mounted. */
export function registerVoice(engine: { pipeline: VoicePipeline; listener: VoiceListener }): () => void {
  active = engine;
  return () => {
    if (active === engine) active = null;
  };
}

/**
 * For views that cannot show the panel (an immersive AR session): a controller button can stand in
 * for the talk button, and the answer is still spoken. Both do nothing when no one is logged in.
 */
export const voiceControls = {
  talk(): void {
    active?.listener.pushToTalk();
  },
  ask(text: string): void {
    void active?.pipeline.handle(text);
  },
  /** Names people can say changed on the server (an item, asset, layout or import was committed). */
  vocabularyChanged(): void {
    active?.pipeline.vocabularyChanged();
  },
};
