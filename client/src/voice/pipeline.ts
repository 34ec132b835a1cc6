import type { TRPCClient } from '@trpc/client';
import type { Role } from '../../../common/roles.ts';
import {
  type DialogueContext,
  type DialogueState,
  decide,
  failedLookup,
  IDLE,
  settle,
  type Turn,
  understand,
  type WriteAction,
} from '../../../common/voice/dialogue.ts';
import { repliesEn } from '../../../common/voice/locales/replies.en.ts';
import { compileVocabulary, parse } from '../../../common/voice/parse.ts';
import type { Vocabulary } from '../../../common/voice/vocabulary.ts';
import type { AppRouter } from '../trpc.ts';
import { failureOf, lookUp, runAction } from './actions.ts';
import { speak, stopSpeaking } from './speak.ts';
import { addLine, setActivity, voiceProbe, voiceStore } from './store.ts';

export type PipelineDeps = {
  api: TRPCClient<AppRouter>;
  userId: number;
  role: Role;
  navigate(path: string): void;
  /** Refetch what a write changed, so open pages show it. */
  changed(action: WriteAction): void;
};

// The live feed says when names change (vocabularyChanged); this is only the backstop for a feed
// that was down. Refetching is ~450 KB on the demo store, so not on every command.
const VOCABULARY_TTL_MS = 15 * 60_000;

/**
 * One utterance or typed command in, one answer out (shown and spoken): parse in the browser
 * against the cached facility vocabulary, run the dialogue, look facts up and run confirmed writes
 * through the same tRPC procedures the screens use. Turns run one at a time, in order.
 */
export class VoicePipeline {
  readonly #deps: PipelineDeps;
  readonly #replies = repliesEn;
  #state: DialogueState = IDLE;
  #chain: Promise<void> = Promise.resolve();
  #vocabulary: { at: number; value: Promise<Vocabulary> } | null = null;
  #answers = 0;

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
  }

  /** Whether the assistant asked a question and waits for the answer (hands-free skips the wake phrase). */
  get awaiting(): boolean {
    return this.#state.kind === 'confirming' || this.#state.kind === 'choosing';
  }

  handle(text: string): Promise<void> {
    const next = this.#chain.then(() => this.#turn(text.trim()));
    this.#chain = next.catch(() => {});
    return next;
  }

  /**
   * Fetches and indexes the vocabulary ahead of the first command (the panel was just opened), so
   * the first answer does not wait for either: on the demo store (2,200 items, 5,280 bins) the
   * fetch is ~450 KB and indexing ~0.5 s, after which a parse takes well under a millisecond.
   */
  warmUp(): void {
    void this.#vocab()
      .then((vocabulary) => compileVocabulary(vocabulary))
      .catch(() => {});
  }

  /**
   * Drops the cached vocabulary, so a created or renamed item or asset can be said at once. An
   * open panel fetches the new one straight away; a closed one waits for the next command.
   */
  vocabularyChanged(): void {
    const warm = this.#vocabulary !== null;
    this.#vocabulary = null;
    if (warm) this.warmUp();
  }

  async #turn(transcript: string): Promise<void> {
    if (transcript.length === 0) return;
    stopSpeaking();
    addLine('you', transcript);
    setActivity('thinking', true);
    try {
      let vocabulary: Vocabulary;
      try {
        vocabulary = await this.#vocab();
      } catch (error) {
        this.#vocabulary = null;
        this.#apply(failedLookup(this.#state, failureOf(error), this.#replies));
        return;
      }
      const ctx = this.#context(vocabulary);
      const understood = understand(this.#state, { transcript, parse: parse(transcript, vocabulary) }, ctx);
      let turn: Turn;
      if (understood.kind === 'answer') turn = understood.turn;
      else {
        try {
          turn = decide(understood, await lookUp(this.#deps.api, understood.needs, this.#deps.userId), ctx);
        } catch (error) {
          turn = failedLookup(this.#state, failureOf(error), this.#replies);
        }
      }
      this.#apply(turn);
      if (turn.effect.kind === 'run') {
        const { action } = turn.effect;
        const outcome = await runAction(this.#deps.api, action, this.#replies.returnReason);
        if (outcome.kind === 'done') this.#deps.changed(action);
        this.#apply(settle(this.#state, outcome, ctx));
      }
    } finally {
      setActivity('thinking', false);
    }
  }

  #apply(turn: Turn): void {
    this.#state = turn.state;
    voiceStore.setState({ awaiting: this.awaiting });
    if (turn.reply !== null) this.#answer(turn.reply);
    if (turn.effect.kind === 'navigate') this.#deps.navigate(turn.effect.path);
  }

  /** Shows the answer and speaks it; a new command or a press on talk cuts the speech off. */
  #answer(reply: string): void {
    addLine('twin', reply);
    voiceProbe.shown.push(reply);
    const spoken = this.#replies.forSpeech(reply);
    voiceProbe.spoken.push(spoken);
    const answer = ++this.#answers;
    setActivity('speaking', true);
    void speak(spoken).then(() => {
      // A newer answer may have taken over; only the last one ends the speaking state.
      if (answer === this.#answers) setActivity('speaking', false);
    });
  }

  #context(vocabulary: Vocabulary): DialogueContext {
    return {
      vocabulary,
      replies: this.#replies,
      key: `voice:${crypto.randomUUID()}`,
      role: this.#deps.role,
    };
  }

  #vocab(): Promise<Vocabulary> {
    const now = Date.now();
    if (this.#vocabulary === null || now - this.#vocabulary.at > VOCABULARY_TTL_MS) {
      this.#vocabulary = { at: now, value: this.#deps.api.voice.vocabulary.query() };
    }
    return this.#vocabulary.value;
  }
}
