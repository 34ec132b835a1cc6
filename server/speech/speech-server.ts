import type { Server } from 'node:http';
import type { Services } from '../services/services.ts';
import { detectPocketSphinx } from './pocketsphinx.ts';
import type { RecogniserLimits } from './recogniser.ts';
import { createSpeechEndpoint, type SpeechEndpoint } from './speech-socket.ts';

/** Puts the /speech WebSocket on an HTTP(S) server, fed by the live voice vocabulary. */
export function attachSpeech(
  server: Server,
  services: Services,
  log: (message: string) => void,
  limits?: Partial<RecogniserLimits>,
): SpeechEndpoint {
  const found = detectPocketSphinx();
  if (!found.available) log(found.reason);
  const endpoint = createSpeechEndpoint({
    userForToken: (token) => services.auth.userForToken(token),
    unavailableReason: found.available ? null : found.reason,
    vocabulary: () => services.voice.vocabulary(),
    onVocabulary: (listener) => services.voice.onVocabulary(listener),
    log,
    ...(limits ? { limits } : {}),
  });
  // Other upgrade paths (Vite's HMR socket in development) are left to their own handlers.
  server.on('upgrade', (req, socket, head) => endpoint.handleUpgrade(req, socket, head));
  return endpoint;
}
