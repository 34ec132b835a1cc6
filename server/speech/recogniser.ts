import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import { cmuPronouncer } from './cmu-dictionary.ts';
import { dictionaryText } from './dictionary.ts';
import { buildSpeechGrammar, type SpeechGrammar } from './grammar.ts';
import { type Availability, Decoder, detectPocketSphinx } from './pocketsphinx.ts';

const SAMPLE_RATE = 16_000;

export type RecogniserLimits = {
  /** Decoders running at once; each keeps a core busy while it decodes (the server has two). */
  maxConcurrent: number;
  /** Longest utterance accepted; longer audio ends the utterance. */
  maxUtteranceMs: number;
  /** Below this confidence a hypothesis is withheld (final with an empty transcript). */
  rejectBelow: number;
};

const DEFAULT_LIMITS: RecogniserLimits = {
  maxConcurrent: 2,
  maxUtteranceMs: 10_000,
  rejectBelow: 0.5,
};

export type FinalResult = { transcript: string; confidence: number; heard: string; decodeMs: number };

export class RecogniserBusyError extends Error {}

type Generation = { id: number; grammar: SpeechGrammar; dictionaryFile: string };

/**
 * Two decoders fed the same audio side by side: one with the command grammar, one with free
 * everyday words, the yardstick that tells a command from chatter forced onto the grammar. Running
 * them together (each on a libuv thread) keeps the answer prompt after the speaker stops.
 */
type DecoderPair = { commands: Decoder; free: Decoder };

function newPair(generation: Generation): DecoderPair {
  const commands = new Decoder(generation.dictionaryFile);
  const free = new Decoder(generation.dictionaryFile);
  try {
    commands.loadGrammar(generation.grammar.jsgf);
    free.loadGrammar(generation.grammar.fillerJsgf);
  } catch (error) {
    freePair({ commands, free });
    throw error;
  }
  return { commands, free };
}

function freePair(pair: DecoderPair): void {
  pair.commands.free();
  pair.free.free();
}

/**
 * The offline recogniser: PocketSphinx decoders constrained by a grammar built from the live
 * vocabulary. A new vocabulary makes a new grammar generation; idle decoders of an older one are
 * freed and new ones are made on demand (a decoder starts in ~15 ms). At most `maxConcurrent`
 * utterances decode at once, because decoding is CPU-bound.
 */
export class OfflineRecogniser {
  readonly limits: RecogniserLimits;
  readonly #dir: string;
  #generation: Generation | null = null;
  #idle: { generation: number; pair: DecoderPair }[] = [];
  #active = 0;
  #closed = false;

  constructor(limits: Partial<RecogniserLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.#dir = mkdtempSync(join(tmpdir(), 'twinventory-speech-'));
  }

  static availability(): Availability {
    return detectPocketSphinx();
  }

  /** Builds the grammar for a vocabulary; utterances opened from now on use it. */
  setVocabulary(vocabulary: Vocabulary): SpeechGrammar {
    const grammar = buildSpeechGrammar(vocabulary, cmuPronouncer());
    const id = (this.#generation?.id ?? 0) + 1;
    const dictionaryFile = join(this.#dir, `g${id}.dict`);
    writeFileSync(dictionaryFile, dictionaryText(grammar.dictionary));
    const previous = this.#generation;
    this.#generation = { id, grammar, dictionaryFile };
    for (const stale of this.#idle.filter((d) => d.generation !== id)) freePair(stale.pair);
    this.#idle = this.#idle.filter((d) => d.generation === id);
    if (previous) rmSync(previous.dictionaryFile, { force: true });
    return grammar;
  }

  get ready(): boolean {
    return this.#generation !== null;
  }

  get activeUtterances(): number {
    return this.#active;
  }

  /** Starts an utterance; throws RecogniserBusyError when every decoder is in use. */
  open(): Utterance {
    const generation = this.#generation;
    if (!generation || this.#closed) throw new Error('The offline recogniser has no grammar yet');
    if (this.#active >= this.limits.maxConcurrent) {
      throw new RecogniserBusyError('Every speech decoder is busy; try again in a moment.');
    }
    const found = this.#idle.findIndex((d) => d.generation === generation.id);
    const pair = found >= 0 ? this.#idle.splice(found, 1)[0]?.pair : undefined;
    const decoders = pair ?? newPair(generation);
    this.#active += 1;
    return new Utterance(decoders, this.limits, (broken) => this.#release(generation.id, decoders, broken));
  }

  #release(generation: number, pair: DecoderPair, broken: boolean): void {
    this.#active -= 1;
    if (broken || this.#closed || generation !== this.#generation?.id) freePair(pair);
    else this.#idle.push({ generation, pair });
  }

  close(): void {
    this.#closed = true;
    for (const d of this.#idle) freePair(d.pair);
    this.#idle = [];
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

export type FeedResult = { partial: string | null; endOfSpeech: boolean; tooLong: boolean };

/**
 * One utterance on one decoder pair. Calls are serialised here (a decoder is not re-entrant) so the
 * socket handler can feed chunks as they arrive.
 */
export class Utterance {
  readonly #pair: DecoderPair;
  readonly #limits: RecogniserLimits;
  readonly #release: (broken: boolean) => void;
  #queue: Promise<unknown> = Promise.resolve();
  #samples = 0;
  #heardSpeech = false;
  #lastPartial = '';
  #done = false;
  #started = false;

  constructor(pair: DecoderPair, limits: RecogniserLimits, release: (broken: boolean) => void) {
    this.#pair = pair;
    this.#limits = limits;
    this.#release = release;
  }

  get durationMs(): number {
    return (this.#samples / SAMPLE_RATE) * 1000;
  }

  /** Decodes a chunk; reports a changed partial transcript and whether the speaker has stopped. */
  feed(samples: Int16Array): Promise<FeedResult> {
    return this.#serial(async () => {
      if (this.#done) return { partial: null, endOfSpeech: false, tooLong: false };
      const { commands, free } = this.#pair;
      if (!this.#started) {
        commands.startUtterance();
        free.startUtterance();
        this.#started = true;
      }
      const room = Math.max(0, (this.#limits.maxUtteranceMs / 1000) * SAMPLE_RATE - this.#samples);
      const chunk = samples.length > room ? samples.slice(0, room) : samples;
      if (chunk.length > 0) {
        this.#samples += chunk.length;
        await Promise.all([commands.process(chunk), free.process(chunk)]);
      }
      const inSpeech = commands.inSpeech();
      const endOfSpeech = this.#heardSpeech && !inSpeech;
      if (inSpeech) this.#heardSpeech = true;
      const text = commands.hypothesis().text;
      const partial = text !== this.#lastPartial ? text : null;
      this.#lastPartial = text;
      return { partial, endOfSpeech, tooLong: chunk.length < samples.length || room === 0 };
    });
  }

  /**
   * Ends the utterance and judges the hypothesis against the free-word decode of the same audio: a
   * command that fits the audio much worse than free words do is withheld (the grammar would
   * otherwise force any speech onto some command).
   */
  finish(): Promise<FinalResult> {
    return this.#serial(async () => {
      const started = performance.now();
      if (this.#done) throw new Error('This utterance has already finished');
      this.#done = true;
      try {
        if (!this.#started) {
          this.#release(false);
          return { transcript: '', confidence: 0, heard: '', decodeMs: 0 };
        }
        const best = this.#pair.commands.endUtterance();
        const yardstick = this.#pair.free.endUtterance();
        const confidence =
          !best.text || best.frames === 0
            ? 0
            : yardstick.text
              ? confidenceFromScores(best.score, yardstick.score, best.frames)
              : 1;
        const accepted = confidence >= this.#limits.rejectBelow;
        this.#release(false);
        return {
          transcript: accepted ? best.text : '',
          confidence: Number(confidence.toFixed(3)),
          heard: best.text,
          decodeMs: performance.now() - started,
        };
      } catch (error) {
        this.#release(true);
        throw error;
      }
    });
  }

  /** Drops the utterance without a result (client gone, aborted). */
  abort(): void {
    if (this.#done) return;
    this.#done = true;
    void this.#serial(async () => {
      try {
        if (this.#started) {
          this.#pair.commands.endUtterance();
          this.#pair.free.endUtterance();
        }
        this.#release(false);
      } catch {
        this.#release(true);
      }
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * 0..1 from how the grammar's best path scores against free words, per 10 ms frame (log base
 * 1.0001). Measured on espeak-ng commands and chatter: commands mostly within -6 of the free words,
 * chatter forced onto a command mostly below -8; 0.5 sits at -7.
 */
function confidenceFromScores(grammarScore: number, freeScore: number, frames: number): number {
  const perFrame = (grammarScore - freeScore) / frames;
  return 1 / (1 + Math.exp(-(perFrame + 7) / 2));
}
