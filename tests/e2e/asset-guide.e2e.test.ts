import { describe, expect, it } from 'vitest';
import { withAssetPlacements } from '../../scripts/seed/asset-placements.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { PASSWORD } from '../support/test-app.ts';
import { useWebApp } from './harness.ts';

const TIMEOUT = 120_000;
const GENERATOR = { tag: 'GEN-01', name: 'Standby generator 1, plant yard', x: 42.5, z: 30 };

/**
 * A register asset placed in the twin the way the seed places it: the asset page and the voice
 * helper both open route guidance to it by its register tag.
 */
describe('route guidance to a register asset', () => {
  let assetId = 0;
  const { started, newPage, logIn } = useWebApp({
    afterStart: async (fx) => {
      ({ id: assetId } = await fx.factories.newAsset({
        tag: GENERATOR.tag,
        name: GENERATOR.name,
        aliases: ['standby generator'],
        category: 'Power',
      }));
      await fx.as.planner.twin.publish.mutate({
        document: withAssetPlacements(demoWarehouse(), [GENERATOR]),
      });
      await fx.app.services.voice.refresh();
    },
  });

  async function loggedIn(path: string) {
    const page = await newPage();
    await page.goto(`${started().fx.app.url}/login?next=${encodeURIComponent(path)}`);
    await logIn(page, 'tech', PASSWORD);
    return page;
  }

  it(
    'the asset page offers "Guide me", which targets the asset in the guide',
    async () => {
      const page = await loggedIn(`/assets/${assetId}`);
      await page.getByTestId('guide-me').click();
      await page.waitForURL(/\/guide\?asset=GEN-01$/);
      await page
        .getByTestId('guide-target')
        .filter({ hasText: `Asset ${GENERATOR.name}` })
        .waitFor();
    },
    TIMEOUT,
  );

  it(
    '"take me to the standby generator" opens the guide with the generator as the target',
    async () => {
      const page = await loggedIn('/');
      await page.getByTestId('voice-toggle').click();
      await page.getByTestId('voice-input').fill('take me to the standby generator');
      await page.getByTestId('voice-input').press('Enter');
      await page.waitForURL(/\/guide\?asset=GEN-01$/);
      await expect.poll(() => page.getByTestId('voice-reply').textContent()).toContain(GENERATOR.name);
      await page
        .getByTestId('guide-target')
        .filter({ hasText: `Asset ${GENERATOR.name}` })
        .waitFor();
    },
    TIMEOUT,
  );
});
