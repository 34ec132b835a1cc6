import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCases } from '../common/voice/eval-files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => join(root, 'common/voice/fixtures', name);
const INTENTS = [
  'find_item',
  'stock_level',
  'navigate',
  'pick',
  'put_away',
  'count',
  'low_stock',
  'create_work_order',
  'work_order_status',
  'complete_work_order',
  'start_audit',
  'cancel',
  'confirm',
  'help',
  'none',
];

function voiceEval(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/voice-eval.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/voice-eval.ts', () => {
  it('prints exactly one JSON line per case, in order, and nothing else', () => {
    const casesFile = fixture('clinic-cases.jsonl');
    const cases = readCases(readFileSync(casesFile, 'utf8'), casesFile);
    const { status, stdout } = voiceEval('--vocab', fixture('clinic-vocab.json'), '--cases', casesFile);
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(cases.length);
    lines.forEach((line, i) => {
      const out = JSON.parse(line) as { intent: string; slots: Record<string, unknown>; ms: number };
      expect(Object.keys(out)).toEqual(['intent', 'slots', 'ms']);
      expect(INTENTS).toContain(out.intent);
      expect(typeof out.slots).toBe('object');
      expect(out.ms).toBeGreaterThanOrEqual(0);
      // In order: the line for case i is that case's answer (these fixtures all parse right).
      expect(out.intent).toBe(cases[i]?.intent);
    });
  });

  it('fails with a message on stderr and exit code 1 for missing or broken files', () => {
    const missing = voiceEval(
      '--vocab',
      join(tmpdir(), 'no-such-vocab.json'),
      '--cases',
      fixture('clinic-cases.jsonl'),
    );
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('cannot read');

    const broken = join(tmpdir(), `voice-eval-broken-${process.pid}.jsonl`);
    writeFileSync(broken, '{"text": "where is the mop"}\nnot json\n');
    const bad = voiceEval('--vocab', fixture('clinic-vocab.json'), '--cases', broken);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(':2: not a JSON line');

    const noArgs = voiceEval();
    expect(noArgs.status).toBe(1);
    expect(noArgs.stderr).toContain('usage');
  });
});
