import { describe, expect, it } from 'vitest';
import { detectSupport, nextPhase, type SessionPhase } from './session.ts';

describe('AR session state machine', () => {
  it('idle → starting → active → idle', () => {
    let p: SessionPhase = { kind: 'idle' };
    p = nextPhase(p, { type: 'start', mode: 'ar' });
    expect(p).toEqual({ kind: 'starting', mode: 'ar' });
    p = nextPhase(p, { type: 'start', mode: 'vr' });
    expect(p).toEqual({ kind: 'starting', mode: 'ar' });
    p = nextPhase(p, { type: 'started' });
    expect(p).toEqual({ kind: 'active', mode: 'ar' });
    expect(nextPhase(p, { type: 'failed', message: 'x' })).toBe(p);
    expect(nextPhase(p, { type: 'ended' })).toEqual({ kind: 'idle' });
  });

  it('a refused request fails with its message and may be retried', () => {
    let p: SessionPhase = nextPhase({ kind: 'idle' }, { type: 'start', mode: 'vr' });
    p = nextPhase(p, { type: 'failed', message: 'The user denied permission' });
    expect(p).toEqual({ kind: 'failed', mode: 'vr', message: 'The user denied permission' });
    expect(nextPhase(p, { type: 'start', mode: 'ar' })).toEqual({ kind: 'starting', mode: 'ar' });
  });
});

describe('why AR is (not) offered', () => {
  const xr = (modes: XRSessionMode[]) => ({
    isSessionSupported: async (m: XRSessionMode) => modes.includes(m),
  });

  it('http on a LAN address is not a secure context', async () => {
    expect(await detectSupport({ isSecureContext: false, xr: xr(['immersive-ar']) })).toMatchObject({
      ar: false,
      whyNoAr: 'insecure',
    });
  });

  it('no navigator.xr: no WebXR', async () => {
    expect(await detectSupport({ isSecureContext: true, xr: undefined })).toMatchObject({
      whyNoAr: 'no-webxr',
    });
  });

  it('WebXR without immersive-ar, VR still offered', async () => {
    expect(await detectSupport({ isSecureContext: true, xr: xr(['immersive-vr']) })).toEqual({
      kind: 'known',
      ar: false,
      vr: true,
      whyNoAr: 'ar-unsupported',
    });
  });

  it('a headset with passthrough offers both', async () => {
    expect(await detectSupport({ isSecureContext: true, xr: xr(['immersive-ar', 'immersive-vr']) })).toEqual({
      kind: 'known',
      ar: true,
      vr: true,
      whyNoAr: null,
    });
  });
});
