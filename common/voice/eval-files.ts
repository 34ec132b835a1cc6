import { z } from 'zod';
import type { Vocabulary } from './vocabulary.ts';

/**
 * The evaluation file formats (../shared/voice/dev-vocab.json, dev-cases.jsonl), read with messages
 * that say which file and line is wrong. Shared by scripts/voice-eval.ts, the tests and the benchmark.
 */
const vocabularySchema = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), sku: z.string() }),
  ),
  locations: z.array(z.object({ code: z.string(), aisle: z.string() })),
  aisles: z.array(z.string()),
  assets: z.array(
    z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), tag: z.string() }),
  ),
});

const caseSchema = z.object({
  text: z.string(),
  intent: z.string().optional(),
  slots: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export type EvalCase = z.infer<typeof caseSchema>;

export function readVocabulary(json: string, source: string): Vocabulary {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`${source}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const parsed = vocabularySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${source}: not a vocabulary: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}

export function readCases(jsonl: string, source: string): EvalCase[] {
  const out: EvalCase[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not a JSON line`);
    }
    const parsed = caseSchema.safeParse(data);
    if (!parsed.success) throw new Error(`${source}:${i + 1}: a case needs a "text" string`);
    out.push(parsed.data);
  });
  return out;
}

/** Exact = same intent and every slot equal (absent slots absent), the measure the product is judged on. */
export function isExact(
  expected: EvalCase,
  got: { intent: string; slots: Record<string, unknown> },
): boolean {
  if (expected.intent !== got.intent) return false;
  const want = expected.slots ?? {};
  const keys = new Set([...Object.keys(want), ...Object.keys(got.slots)]);
  for (const k of keys) if (want[k] !== got.slots[k]) return false;
  return true;
}
