/**
 * The XR benchmark's baseline: React, @react-three/fiber and @react-three/xr with the guide's store
 * options and an empty scene, so the guide's per-frame cost can be read against what the libraries
 * cost on their own in the same browser run.
 */
import { Canvas } from '@react-three/fiber';
import { createXRStore, XR, XROrigin } from '@react-three/xr';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { GUIDE_XR_OPTIONS } from '../../../client/src/xr/xr-options.ts';

const store = createXRStore(GUIDE_XR_OPTIONS);

/** Offers `window.__enterAR` once <XR> has connected the store to the renderer. */
function Ready() {
  useEffect(() => {
    (window as unknown as { __enterAR: () => Promise<unknown> }).__enterAR = () => store.enterAR();
  }, []);
  return null;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <Canvas frameloop="demand" gl={{ antialias: true }}>
      <XR store={store}>
        <XROrigin />
        <Ready />
        <hemisphereLight args={['#ffffff', '#9aa4b0', 1.6]} />
      </XR>
    </Canvas>,
  );
}
