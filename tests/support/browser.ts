// Launches the system Chromium through playwright-core, which ships no browser of its own;
// this keeps CI to one apt package instead of Playwright's browser download step.
import { constants as fsConstants } from 'node:fs';
import { access } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  // CI runs as root in a container, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // Keep the browser from phoning home: tests must not depend on (or wait for) the network.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGL for the 3D twin needs a software renderer when there is no GPU.
  '--enable-unsafe-swiftshader',
];

/** `extraArgs`: e.g. a fake microphone playing a recording, for the speech tests. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    await access(executablePath, fsConstants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${executablePath}; on Debian: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
}
