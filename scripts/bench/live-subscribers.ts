/**
 * Open screens for `npm run bench -- live`, in a process of their own (IPC with the bench): raw
 * HTTP connections to `GET /events`, each reading its stream as a browser tab would. Commands:
 * `{ open, port, cookie, query }` opens that many more, `{ record: true|false }` starts or stops
 * noting when each stock event arrives (per item, the arrival time on every stream), `{ report }`
 * answers with the counts and the arrival times, `{ close }` closes them all.
 */
import { connect, type Socket } from 'node:net';

type Command =
  | { open: number; port: number; cookie: string; query?: string }
  | { record: boolean }
  | { report: true }
  | { close: true };

const sockets = new Set<Socket>();
let bytes = 0;
let ended = 0;
let recording = false;
/** itemId -> arrival times (ms since the epoch, sub-millisecond) on every stream. */
let arrivals = new Map<number, number[]>();
const ITEM = /"type":"stock","itemId":(\d+)/g;

const now = () => performance.timeOrigin + performance.now();

function openOne(port: number, cookie: string, query: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answered = false;
    let head = '';
    socket.setNoDelay(true);
    socket.once('connect', () => {
      socket.write(
        `GET /events${query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nCookie: ${cookie}\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (!answered) {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        answered = true;
        if (!head.startsWith('HTTP/1.1 200')) {
          socket.destroy();
          reject(new Error(`/events answered ${head.split('\r\n')[0]}`));
          return;
        }
        sockets.add(socket);
        resolve();
      }
      if (!recording) return;
      const at = now();
      const text = chunk.toString('utf8');
      for (const m of text.matchAll(ITEM)) {
        const itemId = Number(m[1]);
        let list = arrivals.get(itemId);
        if (list === undefined) {
          list = [];
          arrivals.set(itemId, list);
        }
        list.push(at);
      }
    });
    socket.on('error', (error) => {
      if (!answered) reject(error);
    });
    socket.on('close', () => {
      if (sockets.delete(socket)) ended += 1;
    });
  });
}

async function open(n: number, port: number, cookie: string, query: string): Promise<void> {
  // In waves, so the server's accept backlog never overflows.
  const WAVE = 250;
  for (let i = 0; i < n; i += WAVE) {
    await Promise.all(Array.from({ length: Math.min(WAVE, n - i) }, () => openOne(port, cookie, query)));
  }
}

const send = (message: unknown) => process.send?.(message);

process.on('message', (command: Command) => {
  void (async () => {
    if ('open' in command) {
      await open(command.open, command.port, command.cookie, command.query ?? '');
      send({ open: sockets.size });
    } else if ('record' in command) {
      recording = command.record;
      if (recording) arrivals = new Map();
      send({ recording });
    } else if ('report' in command) {
      send({ streams: sockets.size, ended, bytes, arrivals: Object.fromEntries(arrivals) });
    } else {
      for (const s of sockets) s.destroy();
      sockets.clear();
      send({ closed: true });
    }
  })().catch((error: unknown) => send({ error: String(error) }));
});
send({ ready: true });
