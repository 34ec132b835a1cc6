import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useUser } from '../hooks/useUser.ts';
import { useTRPC, useTRPCClient } from '../trpc.ts';
import { registerVoice } from './controls.ts';
import { VoiceListener } from './listener.ts';
import { VoicePipeline } from './pipeline.ts';
import { stopSpeaking } from './speak.ts';
import { type MicStatus, resetVoiceUi, useVoiceUi, type VoicePhase, voiceStore } from './store.ts';
import { WAKE_HINT } from './wake.ts';
import './VoicePanel.css';

const RECOGNISER_LABEL = {
  browser: 'Speech goes to this browser’s recogniser.',
  server: 'Speech goes to the server’s offline recogniser.',
  none: null,
} as const;

const PHASE_LABEL: Record<VoicePhase, string> = {
  idle: 'Voice',
  listening: 'Listening…',
  thinking: 'Thinking…',
  speaking: 'Speaking…',
};

const MIC_PROBLEM: Record<MicStatus, string | null> = {
  unknown: null,
  ready: null,
  unavailable:
    'Speech recognition is not available here: this browser has no recogniser of its own, and the ' +
    'server’s offline recogniser cannot be used (it is not installed, or this page cannot capture ' +
    'audio, which needs https or localhost). Type your command below instead.',
  denied:
    'Microphone access was refused. Allow the microphone for this site in the browser’s settings, or type ' +
    'your command below.',
  'no-microphone': 'No microphone was found. Connect one, or type your command below.',
  network:
    'The speech recogniser could not reach its service (network error). Check the connection, or type ' +
    'your command below.',
};

/** The pipeline and the recogniser for this logged-in session, made once. */
function useVoiceEngine() {
  const api = useTRPCClient();
  const user = useUser();
  const [, navigate] = useLocation();
  const invalidate = useInvalidate();
  // The engine outlives renders; these refs let it call the latest router and cache helpers.
  const latest = useRef({ navigate, invalidate });
  latest.current = { navigate, invalidate };
  const [engine] = useState(() => {
    const pipeline = new VoicePipeline({
      api,
      userId: user.id,
      role: user.role,
      navigate: (path) => latest.current.navigate(path),
      changed: (action) => {
        if ('itemId' in action) void latest.current.invalidate.stock(action.itemId);
        else void latest.current.invalidate.workOrder();
      },
    });
    const listener = new VoiceListener(
      (text) => void pipeline.handle(text),
      () => pipeline.awaiting,
    );
    return { pipeline, listener };
  });
  useEffect(() => {
    const unregister = registerVoice(engine);
    return () => {
      unregister();
      engine.listener.stop();
      stopSpeaking();
      // The next person to log in on this tab starts with an empty conversation.
      resetVoiceUi();
    };
  }, [engine]);
  return engine;
}

/**
 * The voice assistant, on every page: a button in the header showing what it is doing, and a panel
 * below the header with push-to-talk, hands-free mode, the conversation and a typed command box
 * (same pipeline).
 */
export function VoicePanel() {
  const engine = useVoiceEngine();
  const open = useVoiceUi((s) => s.open);
  const phase = useVoiceUi((s) => s.phase);

  const trpc = useTRPC();
  const status = useQuery(trpc.voice.status.queryOptions(undefined, { enabled: open, staleTime: 60_000 }));
  const statusKnown = status.isSuccess || status.isError;

  useEffect(() => {
    if (!open || !statusKnown) return;
    const offline = status.data?.offline;
    if (offline) {
      engine.listener.prepare({
        available: offline.status === 'available',
        reason: offline.status === 'unavailable' ? offline.reason : null,
      });
    }
    // Creates the recogniser now, so an unavailable one is explained before anyone presses Talk.
    engine.listener.available();
  }, [open, statusKnown, status.data, engine]);

  const toggle = () => {
    const next = !open;
    voiceStore.setState({ open: next });
    if (next) engine.pipeline.warmUp();
  };

  return (
    <div className="voice">
      <button
        type="button"
        className={`voice__fab voice__fab--${phase}`}
        aria-expanded={open}
        aria-controls="voice-panel"
        onClick={toggle}
        data-testid="voice-toggle"
      >
        <span className="voice__dot" aria-hidden="true" />
        <svg className="voice__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"
          />
        </svg>
        <span className="voice__label" data-testid="voice-state" data-phase={phase}>
          {PHASE_LABEL[phase]}
        </span>
      </button>
      {open && <VoiceBody engine={engine} onClose={toggle} />}
    </div>
  );
}

function VoiceBody({ engine, onClose }: { engine: ReturnType<typeof useVoiceEngine>; onClose: () => void }) {
  const { mic, micDetail, recogniser, listening, handsFree, awake, interim, log, awaiting } = useVoiceUi(
    (s) => s,
  );
  const [text, setText] = useState('');
  // After a refusal or an error, pressing again retries (the browser may ask again).
  const canListen = mic !== 'unavailable';
  const problem = MIC_PROBLEM[mic];
  const lastReply = [...log].reverse().find((l) => l.who === 'twin');
  const logEnd = useRef<HTMLLIElement>(null);
  const newest = log.at(-1)?.id;

  useEffect(() => {
    // `newest` is the trigger: keep the latest line in view.
    void newest;
    logEnd.current?.scrollIntoView({ block: 'nearest' });
  }, [newest]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length === 0) return;
    void engine.pipeline.handle(text);
    setText('');
  };

  return (
    <section
      id="voice-panel"
      className="voice__panel"
      aria-label="Voice assistant"
      data-testid="voice-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="voice__head">
        <h2 className="voice__title">Voice</h2>
        <button type="button" className="voice__close" onClick={onClose} aria-label="Close the voice panel">
          ×
        </button>
      </header>
      {problem && (
        <p className="voice__problem" role="alert" data-testid="voice-problem" data-mic={mic}>
          {problem}
          {micDetail && <span className="voice__detail"> ({micDetail})</span>}
        </p>
      )}
      {recogniser && RECOGNISER_LABEL[recogniser] && mic === 'ready' && (
        <p className="voice__recogniser" data-testid="voice-recogniser" data-recogniser={recogniser}>
          {RECOGNISER_LABEL[recogniser]}
        </p>
      )}
      <div className="voice__controls">
        <button
          type="button"
          className="button button--primary voice__talk"
          onClick={() => engine.listener.pushToTalk()}
          disabled={!canListen}
          aria-pressed={listening}
          data-testid="voice-talk"
        >
          {listening && !handsFree ? 'Stop' : 'Talk'}
        </button>
        <label className="voice__handsfree">
          <input
            type="checkbox"
            checked={handsFree}
            disabled={!canListen}
            onChange={(e) => engine.listener.setHandsFree(e.target.checked)}
            data-testid="voice-handsfree"
          />
          Hands-free: say “{WAKE_HINT}”, then the command
        </label>
      </div>
      {awake && !interim && (
        <p className="voice__interim" data-testid="voice-awake">
          Listening for your command…
        </p>
      )}
      {interim && (
        <p className="voice__interim" data-testid="voice-interim">
          {interim}
        </p>
      )}
      <ol className="voice__log" data-testid="voice-log">
        {log.map((line) => (
          <li
            key={line.id}
            ref={line.id === newest ? logEnd : undefined}
            className={`voice__line voice__line--${line.who}`}
            data-who={line.who}
          >
            {line.text}
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite" data-testid="voice-reply">
        {lastReply?.text ?? ''}
      </p>
      {awaiting && <p className="voice__hint">Answer the question, or say “cancel”.</p>}
      <form className="voice__form" onSubmit={submit}>
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Type a command"
          aria-label="Voice command"
          data-testid="voice-input"
        />
        <button type="submit" className="button" data-testid="voice-send">
          Send
        </button>
      </form>
    </section>
  );
}
