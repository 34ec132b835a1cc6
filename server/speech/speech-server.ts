import type { Server } from 'node:http';
import { sessionEnd } from '../domain/session-end.ts';
import { refuseUpgrade } from '../edge/upgrade.ts';
import type { Services } from '../services/services.ts';
import { detectPocketSphinx } from './pocketsphinx.ts';
import type { RecogniserLimits } from './recogniser.ts';
import { createSpeechEndpoint, type SpeechEndpoint } from './speech-socket.ts';

/**
 * Puts the /speech WebSocket on an HTTP(S) server, fed by the live vocabulary. It is the server's
 * only upgrade: any other is answered 404 and its socket closed at once (Vite's HMR socket in
 * development listens on a port of its own).
 */
export function attachSpeech(
  server: Server,
  services: Services,
  log: (message: string) => void,
  options: { limits?: Partial<RecogniserLimits>; allowedOrigins?: readonly string[] } = {},
): SpeechEndpoint {
  const found = detectPocketSphinx();
  if (!found.available) log(found.reason);
  const endpoint = createSpeechEndpoint({
    userForToken: (token) => services.auth.userForToken(token),
    unavailableReason: found.available ? null : found.reason,
    vocabulary: () => services.voice.vocabulary(),
    onVocabulary: (listener) => services.voice.onVocabulary(listener),
    log,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    // The same events that end a user's live streams, from this instance or any other (the feed).
    // A changed role or name (an end without a reason) does not matter to one utterance.
    onSessionsEnded: (listener) =>
      services.events.listen((event) => {
        if (event.type === 'logout' || event.type === 'account')
          listener((userId, hash) => (sessionEnd(event, userId, hash)?.reason ?? null) !== null);
      }),
  });
  server.on('upgrade', (req, socket, head) => {
    if (endpoint.handleUpgrade(req, socket, head)) return;
    services.metrics.refused('upgrade');
    refuseUpgrade(socket, 404, 'Nothing here accepts an upgrade');
  });
  return endpoint;
}
