import { invalidate } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { cursor, playbackActions, SPEEDS, usePlayback } from './playback.ts';
import { formatDuration } from './track-view.ts';

/**
 * Play, pause, speed and a scrubber. The scrubber and clock follow the cursor through refs in their
 * own animation frame loop while playing, never through React state.
 */
export function PlaybackControls({ sorties }: { sorties: number }) {
  const playing = usePlayback((s) => s.playing);
  const speed = usePlayback((s) => s.speed);
  const durationS = usePlayback((s) => s.durationS);
  const scrubber = useRef<HTMLInputElement>(null);
  const clock = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    let shownSecond = -1;
    // Only when the shown second changes, so a slow playback does not rewrite the DOM every frame.
    const show = () => {
      const second = Math.floor(cursor.t);
      if (second === shownSecond) return;
      shownSecond = second;
      if (scrubber.current) scrubber.current.valueAsNumber = second;
      if (clock.current) clock.current.textContent = formatDuration(second);
    };
    show();
    if (!playing) return;
    let frame = requestAnimationFrame(function loop() {
      show();
      frame = requestAnimationFrame(loop);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  return (
    <div className="audit-playback" data-testid="audit-playback">
      <button
        type="button"
        className="button button--primary"
        onClick={() => (playing ? playbackActions.pause() : playbackActions.play())}
        data-testid="playback-toggle"
      >
        {playing ? 'Pause' : 'Play'}
      </button>
      <label className="audit-playback__speed">
        Speed
        <select
          value={speed}
          onChange={(e) => playbackActions.speed(Number(e.target.value))}
          data-testid="playback-speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        ref={scrubber}
        className="audit-playback__scrub"
        type="range"
        min={0}
        max={durationS}
        step={1}
        defaultValue={0}
        aria-label="Playback position"
        onChange={(e) => {
          playbackActions.seek(Number(e.target.value));
          if (clock.current) clock.current.textContent = formatDuration(cursor.t);
          invalidate();
        }}
        data-testid="playback-scrub"
      />
      <span className="audit-playback__clock">
        <span ref={clock}>0 s</span> of {formatDuration(durationS)} · {sorties} sortie
        {sorties === 1 ? '' : 's'}
      </span>
    </div>
  );
}
