/**
 * `npx tsx scripts/voice-eval.ts --vocab VOCAB.json --cases CASES.jsonl`
 *
 * Parses each case's `text` with the vocabulary and prints one JSON line per case, in order:
 * `{"intent":...,"slots":{...},"ms":N}`. Nothing else goes to stdout (errors go to stderr, exit 1).
 * The vocabulary is compiled once before the first case; `ms` is the parse alone.
 */
import { readFileSync } from 'node:fs';
import { readCases, readVocabulary } from '../server/domain/voice/eval-files.ts';
import { compileVocabulary, parse } from '../server/domain/voice/parse.ts';
import type { Vocabulary } from '../server/domain/voice/vocabulary.ts';

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
