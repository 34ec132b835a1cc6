import { voiceControls } from './controls.ts';
import { useVoiceUi } from './store.ts';

/**
 * A compact talk button with the last answer, for views where the voice panel is hidden (the DOM
 * overlay of an AR session shows only its own root). Uses the engine the panel registered.
 */
export function VoiceTalkButton() {
  const phase = useVoiceUi((s) => s.phase);
  const reply = useVoiceUi((s) => s.reply);
  const mic = useVoiceUi((s) => s.mic);
  return (
    <div className="voice-compact">
      <button
        type="button"
        className={`voice__fab voice__fab--${phase}`}
        onClick={() => voiceControls.talk()}
        disabled={mic === 'unavailable'}
        data-testid="voice-compact-talk"
      >
        <span className="voice__dot" aria-hidden="true" />
        {phase === 'listening' ? 'Listening…' : 'Talk'}
      </button>
      {reply && (
        <p className="voice-compact__reply" aria-live="polite">
          {reply}
        </p>
      )}
    </div>
  );
}
