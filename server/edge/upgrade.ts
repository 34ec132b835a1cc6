import type { Duplex } from 'node:stream';

const REASONS = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

/**
 * Answers an HTTP upgrade we will not take and closes its socket at once. Node hands an upgrade's
 * socket to us and forgets it: a socket only ended (half-closed) stays open for as long as the
 * client keeps its side open, so one that never answers holds a file descriptor for ever (1,100 such
 * requests used to exhaust the process's descriptors). The answer is a few bytes the kernel takes at
 * once; then the socket is destroyed.
 */
export function refuseUpgrade(socket: Duplex, status: keyof typeof REASONS, text: string): void {
  socket.on('error', () => {});
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
  socket.destroy();
}
