import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * Playback of a flown audit. What changes on a click (playing, speed, length) is a vanilla store
 * React subscribes to; the cursor, which moves every frame, is a plain mutable object the frame loop
 * reads and writes, so playing sets no React state and allocates nothing per frame.
 */
export type PlaybackState = { playing: boolean; speed: number; durationS: number };

export const SPEEDS = [60, 300, 1200, 3600] as const;

export const playbackStore = createStore<PlaybackState>()(() => ({
  playing: false,
  speed: 300,
  durationS: 0,
}));

/** Simulated seconds since the first take-off; written by the frame loop and the scrubber. */
export const cursor = { t: 0 };

export function usePlayback<T>(selector: (s: PlaybackState) => T): T {
  return useStore(playbackStore, selector);
}

export const playbackActions = {
  load(durationS: number) {
    cursor.t = 0;
    playbackStore.setState({ playing: false, durationS });
  },
  play() {
    const s = playbackStore.getState();
    if (cursor.t >= s.durationS) cursor.t = 0;
    playbackStore.setState({ playing: true });
  },
  pause() {
    playbackStore.setState({ playing: false });
  },
  speed(speed: number) {
    playbackStore.setState({ speed });
  },
  seek(t: number) {
    cursor.t = Math.min(Math.max(0, t), playbackStore.getState().durationS);
  },
  /** Advances the cursor by real seconds; stops at the end. Called from the frame loop. */
  advance(dtS: number) {
    const s = playbackStore.getState();
    if (!s.playing) return;
    cursor.t += dtS * s.speed;
    if (cursor.t >= s.durationS) {
      cursor.t = s.durationS;
      playbackStore.setState({ playing: false });
    }
  },
};
