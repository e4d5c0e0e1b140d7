// A stand-in for Slack's Socket Mode server on 127.0.0.1: a minimal WebSocket (RFC 6455) endpoint that says hello, sends envelopes and collects acks.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

export interface Ack {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface SocketModeStandIn {
  url: string;
  /** Resolves once the client has closed the connection with a close frame. */
  closedByClient: Promise<void>;
  /** Sends an envelope to the connected client, as Slack does. */
  send(envelope: Record<string, unknown>): void;
  /** The client's ack for an envelope, waiting for it up to `timeoutMs`. */
  ackFor(envelopeId: string, timeoutMs?: number): Promise<Ack>;
  close(): Promise<void>;
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10);
  head[0] = 0x80 | opcode;
  if (n < 126) head[1] = n;
  else if (n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Client frames from the front of `buffer` (clients always mask); returns them and what is left. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buffer.length < offset + 2) break;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buffer.length < offset + 8) break;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i += 1) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    at = offset + 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

export async function startSocketMode(): Promise<SocketModeStandIn> {
  const acks: Ack[] = [];
  let socket: Duplex | undefined;
  let onClosed: () => void = () => {};
  const closedByClient = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((_req, res) => res.writeHead(426).end());

  server.on('upgrade', (req, sock: Duplex) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WS_GUID}`).digest('base64');
    sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket = sock;
    let pending = Buffer.alloc(0);
    sock.on('data', (data: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, data]));
      pending = Buffer.from(rest);
      for (const { opcode, payload } of frames) {
        if (opcode === TEXT) acks.push(JSON.parse(payload.toString('utf8')) as Ack);
        else if (opcode === PING) sock.write(frame(PONG, payload));
        else if (opcode === CLOSE) {
          sock.end(frame(CLOSE, payload));
          onClosed();
        }
      }
    });
    sock.on('error', () => {});
    sock.write(frame(TEXT, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } }))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=test`,
    closedByClient,
    send(envelope) {
      if (!socket) throw new Error('no Socket Mode client connected');
      socket.write(frame(TEXT, Buffer.from(JSON.stringify(envelope))));
    },
    async ackFor(envelopeId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ack = acks.find((a) => a.envelope_id === envelopeId);
        if (ack) return ack;
        if (Date.now() > deadline) throw new Error(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket?.destroy();
        server.close(() => resolve());
      }),
  };
}
