import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/test-app.ts';
import { RESULTS_DIR, useWebApp } from './harness.ts';

const TIMEOUT = 60_000;

/**
 * Runs in the page before the app: a fake SpeechRecognition (the real interface the app's
 * recogniser adapter looks for) that emits whatever the test says through `window.__voiceTest`,
 * and a speech synthesiser that records what it was asked to say and finishes at once.
 * `mode` 'denied' makes every start fail as a refused microphone does; 'absent' removes speech
 * input altogether (no recogniser, no microphone).
 */
function speechStub(mode: 'working' | 'denied' | 'network' | 'absent') {
  type Listener = (event: Event) => void;
  const w = window as unknown as Record<string, unknown>;
  const spoken: string[] = [];
  const active = new Set<FakeRecognition>();
  // With `hold` set, an answer goes on until cancelled (to test interrupting it).
  const speech = { hold: false, cancelled: 0, current: null as SpeechSynthesisUtterance | null };
  class FakeRecognition extends EventTarget {
    continuous = false;
    interimResults = false;
    lang = 'en-US';
    maxAlternatives = 1;
    onstart: Listener | null = null;
    onresult: Listener | null = null;
    onerror: Listener | null = null;
    onend: Listener | null = null;
    emit(type: string, props: object = {}) {
      const event = Object.assign(new Event(type), props);
      this.dispatchEvent(event);
      const handler = (this as unknown as Record<string, unknown>)[`on${type}`];
      if (typeof handler === 'function') handler.call(this, event);
    }
    start() {
      if (mode === 'denied' || mode === 'network') {
        const error = mode === 'denied' ? 'not-allowed' : 'network';
        setTimeout(() => {
          this.emit('error', { error, message: '' });
          this.emit('end');
        }, 0);
        return;
      }
      active.add(this);
      setTimeout(() => this.emit('start'), 0);
    }
    stop() {
      if (active.delete(this)) setTimeout(() => this.emit('end'), 0);
    }
    abort() {
      this.stop();
    }
  }
  if (mode === 'absent') {
    delete w.SpeechRecognition;
    delete w.webkitSpeechRecognition;
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  } else {
    w.SpeechRecognition = FakeRecognition;
    w.webkitSpeechRecognition = FakeRecognition;
  }
  w.__voiceTest = {
    spoken,
    speech,
    listening: () => active.size > 0,
    say(text: string) {
      for (const rec of [...active]) {
        const result = Object.assign([{ transcript: text, confidence: 0.95 }], { isFinal: true });
        rec.emit('result', { resultIndex: 0, results: [result] });
        if (!rec.continuous) rec.stop();
      }
    },
  };
  const end = (u: SpeechSynthesisUtterance) => u.onend?.(new SpeechSynthesisEvent('end', { utterance: u }));
  if ('speechSynthesis' in window) {
    window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
      spoken.push(u.text);
      speech.current = u;
      if (!speech.hold) setTimeout(() => end(u), 20);
    };
    window.speechSynthesis.cancel = () => {
      const u = speech.current;
      speech.current = null;
      if (u === null) return;
      speech.cancelled += 1;
      end(u);
    };
  }
}

type VoiceTest = {
  spoken: string[];
  speech: { hold: boolean; cancelled: number };
  listening(): boolean;
  say(text: string): void;
};
const testSeam = (page: Page) =>
  page.evaluate(() => (window as unknown as { __voiceTest: VoiceTest }).__voiceTest);

describe('web client: voice', () => {
  const { started, newPage, logIn } = useWebApp();

  async function openVoice(mode: 'working' | 'denied' | 'network' | 'absent' = 'working', user = 'tech') {
    const page = await newPage();
    await page.addInitScript(speechStub, mode);
    await page.goto(`${started().fx.app.url}/`);
    await logIn(page, user, PASSWORD);
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('voice-toggle').click();
    await page.getByTestId('voice-panel').waitFor();
    return page;
  }

  /** Presses talk, says `text` into the fake recogniser and waits for the answer it causes. */
  async function say(page: Page, text: string): Promise<string> {
    const before = await page.evaluate(() => window.__voice?.shown.length ?? 0);
    await page.getByTestId('voice-talk').click();
    await page.waitForFunction(() =>
      (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.listening(),
    );
    await page.evaluate((t) => (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.say(t), text);
    return answerAfter(page, before);
  }

  async function type(page: Page, text: string): Promise<string> {
    const before = await page.evaluate(() => window.__voice?.shown.length ?? 0);
    await page.getByTestId('voice-input').fill(text);
    await page.getByTestId('voice-input').press('Enter');
    return answerAfter(page, before);
  }

  async function answerAfter(page: Page, before: number): Promise<string> {
    await page.waitForFunction((n) => (window.__voice?.shown.length ?? 0) > n, before);
    const reply = await page.evaluate(() => window.__voice?.shown.at(-1) ?? '');
    // Shown in the panel, and what the app says it spoke reached the speech synthesiser.
    await expect.poll(() => page.getByTestId('voice-reply').textContent()).toBe(reply);
    const spoken = await page.evaluate(() => window.__voice?.spoken.at(-1));
    await expect.poll(async () => (await testSeam(page)).spoken.at(-1)).toBe(spoken);
    return reply;
  }

  const picks = async () => {
    const { fx } = started();
    const movements = await fx.as.admin.items.movements.query({ itemId: fx.items.bolt });
    return movements.filter((m) => m.kind === 'pick').map((m) => m.qty);
  };

  it(
    'answers "how many M8 bolts do we have" from the database, shown and spoken',
    async () => {
      const page = await openVoice();
      expect(await page.getByTestId('voice-state').textContent()).toBe('Voice');
      // With a recogniser in the browser, speech goes there (not to the server's).
      await expect
        .poll(() => page.getByTestId('voice-recogniser').getAttribute('data-recogniser'))
        .toBe('browser');
      const reply = await say(page, 'how many M8 bolts do we have');
      expect(reply).toBe('You have 100 M8 x 30 hex bolts, all in A-01-1.');
      // Bin codes are read out as a person says them.
      expect((await testSeam(page)).spoken.at(-1)).toBe('You have 100 M8 x 30 hex bolts, all in A 01 1.');
      expect(await page.getByTestId('voice-log').textContent()).toContain('how many M8 bolts do we have');
      await expect.poll(() => page.evaluate(() => window.__voice?.state)).toBe('idle');
      await page.screenshot({ path: join(RESULTS_DIR, 'voice-panel.png') });
    },
    TIMEOUT,
  );

  it(
    'picks two M8 bolts from A-01-1 only after "yes", once; a second "yes" does nothing',
    async () => {
      const page = await openVoice();
      const prompt = await say(page, 'pick two M8 bolts from A-01-1');
      expect(prompt).toBe('Pick 2 M8 x 30 hex bolts from A-01-1?');
      expect(await picks()).toEqual([]);

      expect(await say(page, 'yes')).toBe('Picked 2 M8 x 30 hex bolts from A-01-1, 98 left.');
      expect(await picks()).toEqual([-2]);

      expect(await say(page, 'yes')).toBe("There's nothing to confirm.");
      expect(await picks()).toEqual([-2]);
      const { fx } = started();
      const level = await fx.as.admin.stock.level.query({ itemId: fx.items.bolt });
      expect(level.onHand).toBe(98);
    },
    TIMEOUT,
  );

  it(
    'says it cannot help with "what\'s the weather" and changes nothing',
    async () => {
      const page = await openVoice();
      const url = page.url();
      const before = await picks();
      expect(await say(page, "what's the weather")).toBe(
        "Sorry, I can't help with that. Say “help” to hear what I can do.",
      );
      expect(page.url()).toBe(url);
      expect(await picks()).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'takes typed commands through the same pipeline, and opens route guidance',
    async () => {
      const page = await openVoice();
      expect(await type(page, 'where are the m8 bolts')).toBe('M8 x 30 hex bolt is in A-01-1 (98).');
      expect(await type(page, "what's running low")).toBe(
        '2 items are low: EP2 lithium grease 400 g (0 available) and 6204-2RS deep groove ball bearing (5 available).',
      );
      expect(await type(page, 'take me to bin B-01-1')).toBe('Opening the route to bin B-01-1.');
      await page.waitForURL(/\/guide\?bin=B-01-1$/);
      // The panel stays on the new page.
      await page.getByTestId('voice-panel').waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, 'voice-guide.png') });
    },
    TIMEOUT,
  );

  it(
    'speaks a refusal from the server plainly and changes nothing',
    async () => {
      const { fx } = started();
      const { id } = await fx.as.planner.workOrders.create.mutate({ title: 'Check the dock door' });
      const page = await openVoice();
      expect(await type(page, `what's the status of work order ${id}`)).toBe(
        `Work order ${id}, Check the dock door, is open, medium priority, not assigned.`,
      );
      expect(await type(page, `mark work order ${id} as done`)).toBe(
        `Mark work order ${id}, Check the dock door, as done?`,
      );
      expect(await type(page, 'yes')).toBe(
        `That didn't work: Work order ${id} is open; it can go to assigned, in progress, cancelled, not done.`,
      );
      expect((await fx.as.admin.workOrders.get.query({ id })).status).toBe('open');
    },
    TIMEOUT,
  );

  it(
    'tells a technician plainly that drone audits are for planners, and opens the planner for a planner',
    async () => {
      const tech = await openVoice();
      const url = tech.url();
      expect(await say(tech, 'start a drone audit of aisle B')).toBe(
        "You're not allowed to do that. Drone audits are planned by planners and admins; you are logged in as a technician.",
      );
      expect(tech.url()).toBe(url);

      const planner = await openVoice('working', 'plan');
      expect(await say(planner, 'start a drone audit of aisle B')).toBe(
        'Opening the drone audit planner for aisle B.',
      );
      await planner.waitForURL(/\/audits\?aisle=B$/);
    },
    TIMEOUT,
  );

  it(
    'hands-free: acts on the wake phrase, ignores speech not addressed to it, takes the answer to a question',
    async () => {
      const page = await openVoice();
      await page.getByTestId('voice-handsfree').check();
      await page.waitForFunction(() =>
        (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.listening(),
      );
      const sayFree = (text: string) =>
        page.evaluate((t) => (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.say(t), text);
      const shown = () => page.evaluate(() => window.__voice?.shown.length ?? 0);

      let before = await shown();
      await sayFree('Hey Twin, how many M8 bolts do we have');
      expect(await answerAfter(page, before)).toContain('M8 x 30 hex bolts, all in A-01-1');

      // The wake phrase alone: the next sentence is the command.
      await page.waitForFunction(() => window.__voice?.state === 'listening');
      await sayFree('hey twin');
      await page.getByTestId('voice-awake').waitFor();
      before = await shown();
      await sayFree('where are the M8 bolts');
      expect(await answerAfter(page, before)).toContain('M8 x 30 hex bolt is in A-01-1');

      // Not addressed to the assistant: nothing is answered, nothing done.
      before = await shown();
      await sayFree('pick two M8 bolts from A-01-1');
      await page.waitForTimeout(500);
      expect(await shown()).toBe(before);

      // A question asked by the assistant is answered without the wake phrase.
      await sayFree('hey twin pick one M8 bolt from A-01-1');
      expect(await answerAfter(page, before)).toBe('Pick 1 M8 x 30 hex bolt from A-01-1?');
      // (Once the question has been said: while it talks, only the wake phrase is heard.)
      await page.waitForFunction(() => window.__voice?.state === 'listening');
      before = await shown();
      await sayFree('cancel');
      expect(await answerAfter(page, before)).toBe('Cancelled. Nothing was changed.');
      // Still listening for the next wake phrase.
      expect(
        await page.evaluate(() => (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.listening()),
      ).toBe(true);
      await page.getByTestId('voice-handsfree').uncheck();
    },
    TIMEOUT,
  );

  it(
    'lets the user cut an answer off by pressing talk',
    async () => {
      const page = await openVoice();
      await page.evaluate(() => {
        (window as unknown as { __voiceTest: VoiceTest }).__voiceTest.speech.hold = true;
      });
      await type(page, 'help');
      await expect.poll(() => page.evaluate(() => window.__voice?.state)).toBe('speaking');
      expect(await page.getByTestId('voice-state').textContent()).toBe('Speaking…');
      await page.getByTestId('voice-talk').click();
      await expect.poll(() => page.evaluate(() => window.__voice?.state)).toBe('listening');
      expect((await testSeam(page)).speech.cancelled).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'says why speech input is unavailable and still takes typed commands',
    async () => {
      const page = await openVoice('absent');
      const problem = page.getByTestId('voice-problem');
      await problem.waitFor();
      expect(await problem.getAttribute('data-mic')).toBe('unavailable');
      expect(await problem.textContent()).toContain('Type your command below');
      expect(await page.getByTestId('voice-talk').isDisabled()).toBe(true);
      expect(await type(page, 'how many m8 bolts do we have')).toContain('M8 x 30 hex bolts');
    },
    TIMEOUT,
  );

  it(
    'says so when the microphone permission is refused, or the recogniser has no network',
    async () => {
      for (const [mode, text] of [
        ['denied', 'Microphone access was refused'],
        ['network', 'could not reach its service (network error)'],
      ] as const) {
        const page = await openVoice(mode);
        await page.getByTestId('voice-talk').click();
        const problem = page.getByTestId('voice-problem');
        await problem.waitFor();
        expect(await problem.getAttribute('data-mic')).toBe(mode);
        expect(await problem.textContent()).toContain(text);
        // Typing still works.
        expect(await type(page, 'help')).toContain('You can say');
      }
    },
    TIMEOUT,
  );
  it(
    'knows an item created and an asset renamed while the panel is open, without a reload',
    async () => {
      const { fx } = started();
      const page = await openVoice();
      // The panel has fetched and indexed the vocabulary; neither name is in it yet.
      expect(await type(page, 'how many torque wrenches do we have')).toContain(
        "I don't know an item called",
      );
      const asset = await fx.factories.newAsset({ tag: 'CH-03', name: 'Rooftop chiller' });

      // A planner adds the item and renames the asset on another screen; the live feed tells this
      // browser, which fetches the new vocabulary by itself.
      const wrench = await fx.factories.newItem({
        name: 'Torque wrench half inch',
        aliases: ['torque wrench'],
      });
      await fx.factories.receive(wrench.id, fx.bins.a, 4);
      const { id: _, ...renamed } = { ...asset, name: 'Penthouse chiller' };
      await fx.app.services.assets.update(asset.id, renamed, fx.users.planner);

      await expect
        .poll(() => type(page, 'how many torque wrenches do we have'), { timeout: 10_000 })
        .toMatch(/You have 4 .*torque wrench/i);
      await expect
        .poll(() => type(page, 'create a work order for the penthouse chiller'), { timeout: 10_000 })
        .toContain('Penthouse chiller');
    },
    TIMEOUT,
  );
});
