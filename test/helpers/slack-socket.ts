// A stand-in for Slack's Socket Mode server on 127.0.0.1: a minimal WebSocket (RFC 6455) endpoint that says hello, sends envelopes and collects acks.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { CLOSE, PING, PONG, TEXT, acceptUpgrade, frame, readFrames } from './websocket.ts';

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

export async function startSocketMode(): Promise<SocketModeStandIn> {
  const acks: Ack[] = [];
  let socket: Duplex | undefined;
  let onClosed: () => void = () => {};
  const closedByClient = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createServer((_req, res) => res.writeHead(426).end());

  server.on('upgrade', (req, sock: Duplex) => {
    acceptUpgrade(req, sock);
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
