/**
 * The one @react-three/xr store of the app. Created once at module level so that the guide page can
 * change its target (a new `?bin=`, the voice helper saying "take me to …") without ending the
 * session. Only the features guidance uses are requested: hit test (manual alignment) and a DOM
 * overlay for the phone's on-screen controls; anchors, planes, meshes, layers and body tracking are
 * off so the browser does less each frame.
 */
import { createXRStore } from '@react-three/xr';
import { guideActions } from './guide-store.ts';
import type { XrMode } from './session.ts';
import { GUIDE_XR_OPTIONS } from './xr-options.ts';

/**
 * The DOM overlay root: our overlay is portalled into it (so it keeps the app's React context),
 * and @react-three/xr shows it while a session runs. Where dom-overlay is not supported (headsets,
 * the emulator) it is still ordinary DOM on the page.
 */
export const overlayRoot: HTMLDivElement = document.createElement('div');
overlayRoot.className = 'xr-overlay-root';

export const xrStore = createXRStore({ ...GUIDE_XR_OPTIONS, domOverlay: overlayRoot });

xrStore.subscribe((s, prev) => {
  if (s.session === prev.session) return;
  guideActions.session(s.session ? { type: 'started' } : { type: 'ended' });
});

export async function enterXr(mode: XrMode): Promise<void> {
  guideActions.session({ type: 'start', mode });
  try {
    const session = mode === 'ar' ? await xrStore.enterAR() : await xrStore.enterVR();
    if (session === undefined)
      guideActions.session({ type: 'failed', message: 'The browser did not start a session.' });
  } catch (error) {
    guideActions.session({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

export function exitXr(): void {
  void xrStore.getState().session?.end();
}
