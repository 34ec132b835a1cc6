import { existsSync } from 'node:fs';
import koffi, { type LibraryHandle } from 'koffi';

/**
 * The few calls of CMU PocketSphinx 0.8+5prealpha (Debian `libpocketsphinx3`) the recogniser needs,
 * bound with koffi so no native build step or -dev package is involved. Signatures follow
 * /usr/include/pocketsphinx/pocketsphinx.h and ps_search.h of that version.
 */

export const LIBRARY = 'libpocketsphinx.so.3';
const MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';
const ACOUSTIC_MODEL = `${MODEL_DIR}/en-us`;
export const CMU_DICTIONARY = `${MODEL_DIR}/cmudict-en-us.dict`;

type Pointer = unknown;

type Api = {
  psArgs(): Pointer;
  cmdLnInit(...args: unknown[]): Pointer;
  cmdLnFree(config: Pointer): void;
  psInit(config: Pointer): Pointer;
  psFree(ps: Pointer): number;
  setJsgfString(ps: Pointer, name: string, jsgf: string): number;
  setSearch(ps: Pointer, name: string): number;
  unsetSearch(ps: Pointer, name: string): number;
  addWord(ps: Pointer, word: string, phones: string, update: number): number;
  startUtt(ps: Pointer): number;
  processRaw: {
    async(
      ps: Pointer,
      data: Int16Array,
      samples: number,
      noSearch: number,
      fullUtt: number,
      cb: (err: unknown, n: number) => void,
    ): void;
  };
  endUtt(ps: Pointer): number;
  getHyp(ps: Pointer, score: number[]): string | null;
  getInSpeech(ps: Pointer): number;
  getNFrames(ps: Pointer): number;
};

export type Availability = { available: true } | { available: false; reason: string };

const NOT_INSTALLED =
  'Offline speech recognition is not installed on this server (Debian packages pocketsphinx, pocketsphinx-en-us).';

let api: Api | null = null;
let availability: Availability | null = null;

/** Loads the library once; later calls return the first answer. Never throws. */
export function detectPocketSphinx(): Availability {
  if (availability) return availability;
  availability = detect();
  return availability;
}

function detect(): Availability {
  const found = probePocketSphinx(LIBRARY, MODEL_DIR);
  if (!found.available) return found;
  api = bind(found.library);
  return { available: true };
}

/** Whether the English model and the library are there; exported so the missing cases are tested. */
export function probePocketSphinx(
  library: string,
  modelDir: string,
): { available: true; library: LibraryHandle } | { available: false; reason: string } {
  if (!existsSync(`${modelDir}/en-us/mdef`) || !existsSync(`${modelDir}/cmudict-en-us.dict`)) {
    return { available: false, reason: `${NOT_INSTALLED} The English model is missing (${modelDir}).` };
  }
  try {
    return { available: true, library: koffi.load(library) };
  } catch (e) {
    return {
      available: false,
      reason: `${NOT_INSTALLED} Loading ${library} failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

function bind(lib: LibraryHandle): Api {
  koffi.opaque('ps_decoder_t');
  koffi.opaque('cmd_ln_t');
  return {
    psArgs: lib.func('void *ps_args(void)'),
    cmdLnInit: lib.func('cmd_ln_t *cmd_ln_init(cmd_ln_t *inout, void *defn, int strict, ...)'),
    cmdLnFree: lib.func('int cmd_ln_free_r(cmd_ln_t *config)'),
    psInit: lib.func('ps_decoder_t *ps_init(cmd_ln_t *config)'),
    psFree: lib.func('int ps_free(ps_decoder_t *ps)'),
    setJsgfString: lib.func('int ps_set_jsgf_string(ps_decoder_t *ps, const char *name, const char *jsgf)'),
    setSearch: lib.func('int ps_set_search(ps_decoder_t *ps, const char *name)'),
    unsetSearch: lib.func('int ps_unset_search(ps_decoder_t *ps, const char *name)'),
    addWord: lib.func('int ps_add_word(ps_decoder_t *ps, const char *word, const char *phones, int update)'),
    startUtt: lib.func('int ps_start_utt(ps_decoder_t *ps)'),
    processRaw: lib.func(
      'int ps_process_raw(ps_decoder_t *ps, const int16_t *data, size_t n_samples, int no_search, int full_utt)',
    ),
    endUtt: lib.func('int ps_end_utt(ps_decoder_t *ps)'),
    getHyp: lib.func('const char *ps_get_hyp(ps_decoder_t *ps, _Out_ int32_t *score)'),
    getInSpeech: lib.func('uint8_t ps_get_in_speech(ps_decoder_t *ps)'),
    getNFrames: lib.func('int ps_get_n_frames(ps_decoder_t *ps)'),
  } as Api;
}

function requireApi(): Api {
  const found = detectPocketSphinx();
  if (!api) throw new Error(found.available ? NOT_INSTALLED : found.reason);
  return api;
}

export type Hypothesis = { text: string; score: number; frames: number };

/**
 * One native decoder. Not re-entrant: the caller runs one utterance at a time on it (the pool in
 * recogniser.ts guarantees that). Audio is processed on libuv's thread pool so a decode never
 * blocks the HTTP server.
 */
export class Decoder {
  #ps: Pointer;
  #config: Pointer;
  #searches = 0;

  /** `dictionaryFile`: a pronunciation dictionary covering every word of the grammars it will use. */
  constructor(dictionaryFile: string) {
    const a = requireApi();
    // cmd_ln_init copies its strings, so JS strings are safe here. Dither: all-zero (digital)
    // silence otherwise breaks the front end; a fixed seed keeps results repeatable. Wider beams
    // than the defaults: with a few hundred grammar words the defaults pruned the right path
    // away and returned nothing for several in-grammar sentences.
    const config = a.cmdLnInit(
      null,
      a.psArgs(),
      1,
      ...[
        '-hmm',
        ACOUSTIC_MODEL,
        '-dict',
        dictionaryFile,
        '-dither',
        'yes',
        '-seed',
        '1',
        '-logfn',
        '/dev/null',
        '-beam',
        '1e-60',
        '-wbeam',
        '1e-48',
        '-pbeam',
        '1e-60',
      ].flatMap((s) => ['str', s]),
      'str',
      null,
    );
    if (!config) throw new Error('PocketSphinx refused its configuration');
    const ps = a.psInit(config);
    if (!ps) {
      a.cmdLnFree(config);
      throw new Error('PocketSphinx could not load its acoustic model');
    }
    this.#config = config;
    this.#ps = ps;
  }

  /** Adds pronunciations the decoder's dictionary lacks (words of a newer vocabulary). */
  addWords(entries: readonly { word: string; phones: string }[]): void {
    const a = requireApi();
    entries.forEach((e, i) => {
      a.addWord(this.#ps, e.word, e.phones, i === entries.length - 1 ? 1 : 0);
    });
  }

  /** Switches to a JSGF grammar (compiled here; a grammar with an unknown word is refused). */
  loadGrammar(jsgf: string): void {
    const a = requireApi();
    const previous = this.#searches > 0 ? `g${this.#searches}` : null;
    const name = `g${this.#searches + 1}`;
    if (a.setJsgfString(this.#ps, name, jsgf) < 0) throw new Error('PocketSphinx refused the grammar');
    if (a.setSearch(this.#ps, name) < 0) throw new Error('PocketSphinx could not switch grammar');
    this.#searches += 1;
    if (previous) a.unsetSearch(this.#ps, previous);
  }

  /** Adds a second grammar under a fixed name, switched to with selectSearch. */
  addGrammar(name: string, jsgf: string): void {
    if (requireApi().setJsgfString(this.#ps, name, jsgf) < 0)
      throw new Error('PocketSphinx refused the grammar');
  }

  selectSearch(name: string | null): void {
    const search = name ?? `g${this.#searches}`;
    if (requireApi().setSearch(this.#ps, search) < 0) throw new Error(`PocketSphinx has no search ${search}`);
  }

  startUtterance(): void {
    if (requireApi().startUtt(this.#ps) < 0) throw new Error('PocketSphinx could not start an utterance');
  }

  /** Feeds 16 kHz mono 16-bit samples; resolves once processed (off the main thread). */
  process(samples: Int16Array): Promise<void> {
    const a = requireApi();
    return new Promise((resolve, reject) => {
      a.processRaw.async(this.#ps, samples, samples.length, 0, 0, (err, n) => {
        if (err) reject(err instanceof Error ? err : new Error(String(err)));
        else if (n < 0) reject(new Error('PocketSphinx failed to process audio'));
        else resolve();
      });
    });
  }

  /** True while the voice-activity detector hears speech. */
  inSpeech(): boolean {
    return requireApi().getInSpeech(this.#ps) !== 0;
  }

  hypothesis(): Hypothesis {
    const a = requireApi();
    const score = [0];
    const text = a.getHyp(this.#ps, score) ?? '';
    return { text, score: score[0] ?? 0, frames: a.getNFrames(this.#ps) };
  }

  endUtterance(): Hypothesis {
    requireApi().endUtt(this.#ps);
    return this.hypothesis();
  }

  free(): void {
    const a = requireApi();
    if (this.#ps) a.psFree(this.#ps);
    if (this.#config) a.cmdLnFree(this.#config);
    this.#ps = null;
    this.#config = null;
  }
}
