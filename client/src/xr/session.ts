/**
 * The AR/VR session as an explicit state machine, and why a device is (not) offered AR. Pure: the
 * page feeds it events from the XR store and from `navigator.xr`.
 */

export type XrMode = 'ar' | 'vr';

/** Why the "Start AR" button is not offered; each has a sentence the page shows. */
export type NoArReason = 'no-webxr' | 'insecure' | 'ar-unsupported';

export type Support =
  | { kind: 'checking' }
  | { kind: 'known'; ar: boolean; vr: boolean; whyNoAr: NoArReason | null };

export type SessionPhase =
  | { kind: 'idle' }
  | { kind: 'starting'; mode: XrMode }
  | { kind: 'active'; mode: XrMode }
  | { kind: 'failed'; mode: XrMode; message: string };

export type SessionEvent =
  | { type: 'start'; mode: XrMode }
  | { type: 'started' }
  | { type: 'ended' }
  | { type: 'failed'; message: string };

function exhaustive(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}

/** Events that make no sense in a phase leave it unchanged (e.g. a second tap on Start). */
export function nextPhase(phase: SessionPhase, event: SessionEvent): SessionPhase {
  switch (event.type) {
    case 'start':
      return phase.kind === 'idle' || phase.kind === 'failed'
        ? { kind: 'starting', mode: event.mode }
        : phase;
    case 'started':
      return phase.kind === 'starting' ? { kind: 'active', mode: phase.mode } : phase;
    case 'ended':
      return { kind: 'idle' };
    case 'failed':
      return phase.kind === 'starting' ? { kind: 'failed', mode: phase.mode, message: event.message } : phase;
    default:
      return exhaustive(event);
  }
}

export const NO_AR_TEXT: Record<NoArReason, string> = {
  'no-webxr':
    'This browser has no WebXR, so AR is not offered (iPhone and iPad Safari and most desktop browsers). Follow the map and the 3D view instead.',
  insecure:
    'AR needs a secure connection, and this page was opened over plain http on a network address. Open the https:// address the server prints (npm start -- --https) and accept its certificate.',
  'ar-unsupported':
    'This device’s browser has WebXR but cannot start an AR session (no ARCore, or a desktop). Follow the map and the 3D view instead.',
};

/** What the browser offers. `xr` is `navigator.xr` (absent without WebXR). */
export async function detectSupport(env: {
  isSecureContext: boolean;
  xr: { isSessionSupported(mode: XRSessionMode): Promise<boolean> } | undefined;
}): Promise<Extract<Support, { kind: 'known' }>> {
  if (!env.isSecureContext) return { kind: 'known', ar: false, vr: false, whyNoAr: 'insecure' };
  if (env.xr === undefined) return { kind: 'known', ar: false, vr: false, whyNoAr: 'no-webxr' };
  const ask = (mode: XRSessionMode) => env.xr?.isSessionSupported(mode).catch(() => false) ?? false;
  const [ar, vr] = await Promise.all([ask('immersive-ar'), ask('immersive-vr')]);
  return { kind: 'known', ar, vr, whyNoAr: ar ? null : 'ar-unsupported' };
}
