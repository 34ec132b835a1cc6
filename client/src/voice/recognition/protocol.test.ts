import { describe, expect, test } from 'vitest';
import { framesOf, PcmFramer, parseServerMessage, SPEECH_CHUNK_SAMPLES } from './protocol.ts';

describe('audio framing for the speech socket', () => {
  test('48 kHz microphone audio becomes 16 kHz frames of 100 ms, keeping a 440 Hz tone', () => {
    const framer = new PcmFramer(48_000);
    const second = Float32Array.from(
      { length: 48_000 },
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48_000),
    );
    // Fed in odd-sized pieces, as an AudioWorklet or ScriptProcessor delivers them.
    const frames = [...framer.push(second.subarray(0, 12_345)), ...framer.push(second.subarray(12_345))];
    expect(frames).toHaveLength(10);
    expect(frames.every((f) => f.length === SPEECH_CHUNK_SAMPLES)).toBe(true);
    const pcm = Int16Array.from(frames.flatMap((f) => [...f]));
    let crossings = 0;
    for (let i = 1; i < pcm.length; i++) if ((pcm[i - 1] ?? 0) < 0 && (pcm[i] ?? 0) >= 0) crossings++;
    expect(crossings).toBeGreaterThanOrEqual(439);
    expect(crossings).toBeLessThanOrEqual(441);
    const peak = Math.max(...pcm.map(Math.abs));
    expect(peak / 32767).toBeGreaterThan(0.45);
    expect(peak / 32767).toBeLessThanOrEqual(0.5);
  });

  test('the last partial frame is flushed at the end of speech, and clipping is clamped', () => {
    const framer = new PcmFramer(22_050);
    expect(framer.push(new Float32Array(2205).fill(2))).toEqual([]);
    const rest = framer.flush();
    // 0.1 s of 22.05 kHz audio is 1600 samples at 16 kHz, give or take the rounding of the ratio.
    expect(Math.abs((rest?.length ?? 0) - 1600)).toBeLessThanOrEqual(1);
    expect(rest?.every((v) => v === 32767)).toBe(true);
    expect(framer.flush()).toBeNull();
    expect(() => new PcmFramer(8000)).toThrow('Cannot capture speech at 8000 Hz');
  });

  test('16 kHz audio is cut into the same frames', () => {
    expect(framesOf(new Int16Array(4000)).map((f) => f.length)).toEqual([1600, 1600, 800]);
  });

  test('server messages are checked before use', () => {
    expect(parseServerMessage('{"type":"final","transcript":"yes","confidence":0.9}')).toEqual({
      type: 'final',
      transcript: 'yes',
      confidence: 0.9,
    });
    expect(parseServerMessage('{"type":"final","transcript":3}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
  });
});
