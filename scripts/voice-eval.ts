/**
 * `npx tsx scripts/voice-eval.ts --vocab VOCAB.json --cases CASES.jsonl`
 *
 * Parses each case's `text` with the vocabulary and prints one JSON line per case, in order:
 * `{"intent":...,"slots":{...},"ms":N}`. Nothing else goes to stdout (errors go to stderr, exit 1).
 * The vocabulary is compiled once, and the JIT warmed on sentences made from the vocabulary, before
 * the first case; `ms` is that case's `parse` call alone.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readCases, readVocabulary } from '../common/voice/eval-files.ts';
import { compileVocabulary, parse } from '../common/voice/parse.ts';
import type { Vocabulary } from '../common/voice/vocabulary.ts';

function fail(message: string): never {
  process.stderr.write(`voice-eval: ${message}\n`);
  process.exit(1);
}

function arg(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined || value.startsWith('--'))
    fail(`missing ${name} FILE\nusage: npx tsx scripts/voice-eval.ts --vocab VOCAB.json --cases CASES.jsonl`);
  return value;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    return fail(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * A server parses thousands of commands with a warm JIT; the first few parses of a fresh process
 * run in the interpreter and take several times longer. Parse sentences made from the vocabulary
 * (not the cases) so each case's `ms` is the steady-state cost.
 */
function warmUp(vocabulary: Vocabulary): void {
  const names = [...vocabulary.items.map((i) => i.name), ...vocabulary.assets.map((a) => a.name)];
  const bins = vocabulary.locations.map((l) => l.code);
  for (let round = 0; round < 20; round++)
    for (const [k, name] of names.slice(0, 10).entries()) {
      const bin = bins[(k + round) % Math.max(1, bins.length)] ?? '';
      parse(`pick ${round + 2} ${name} from ${bin}`, vocabulary);
      parse(`where is the ${name}`, vocabulary);
      parse('what is the weather like today', vocabulary);
    }
}

/**
 * Compiling leaves megabytes of fresh objects in the young generation, and the first scavenges that
 * copy them take milliseconds, landing inside some unlucky case's timing. A long-running server has
 * long since moved them to the old generation; one full collection here does the same.
 */
function settleHeap(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

const vocabPath = arg('--vocab');
const casesPath = arg('--cases');
let vocabulary: Vocabulary;
let texts: string[];
try {
  vocabulary = readVocabulary(read(vocabPath), vocabPath);
  texts = readCases(read(casesPath), casesPath).map((c) => c.text);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}

compileVocabulary(vocabulary);
warmUp(vocabulary);
settleHeap();
const lines: string[] = [];
for (const text of texts) {
  const started = performance.now();
  const result = parse(text, vocabulary);
  const ms = performance.now() - started;
  lines.push(
    JSON.stringify({ intent: result.intent, slots: result.slots, ms: Math.round(ms * 1000) / 1000 }),
  );
}
process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
