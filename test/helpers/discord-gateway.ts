// A stand-in for Discord's WebSocket gateway on 127.0.0.1: says hello, acknowledges heartbeats, answers each shard's IDENTIFY with READY, sends events on request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOSE, PING, PONG, TEXT, acceptUpgrade, closeFrame, frame, readFrames } from './websocket.ts';

/** Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-opcodes). */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
/** Close code 4004: Authentication failed; discord.js does not reconnect after it. */
const AUTHENTICATION_FAILED = 4004;

export interface Identify {
  token: string;
  intents: number;
  /** [shard id, shard count] */
  shard: [number, number];
}

export interface GatewayStandIn {
  /** ws://127.0.0.1:<port>, for the REST stand-in's GET /gateway/bot. */
  url: string;
  /** Every IDENTIFY received, in order. */
  identified: Identify[];
  /** Shard ids whose IDENTIFY is refused as a bad token is: closed with 4004. */
  refuse: Set<number>;
  /** Shard ids with an open, identified connection. */
  connected(): number[];
  /** Sends an event (op 0) over the connection that identified as `shard`. */
  dispatch(shard: number, t: string, d: unknown): void;
  /** Resolves once `test` holds, checking every 20 ms, up to `timeoutMs`. */
  until(test: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDiscordGateway(user = { id: '1100000000000000001', username: 'sanctions-bot' }): Promise<GatewayStandIn> {
  const identified: Identify[] = [];
  const refuse = new Set<number>();
  const shards = new Map<number, { sock: Duplex; seq: number }>();
  const sockets = new Set<Duplex>();
  const server = createServer((_req, res) => res.writeHead(426).end());

  const send = (sock: Duplex, payload: unknown) => sock.write(frame(TEXT, Buffer.from(JSON.stringify(payload))));

  server.on('upgrade', (req, sock: Duplex) => {
    acceptUpgrade(req, sock);
    sockets.add(sock);
    let shardId: number | undefined;
    let pending = Buffer.alloc(0);
    const gone = () => {
      sockets.delete(sock);
      if (shardId !== undefined && shards.get(shardId)?.sock === sock) shards.delete(shardId);
    };
    sock.on('close', gone);
    // A client process that died sends no close frame: its connection just ends, as Discord sees it.
    sock.on('end', () => {
      gone();
      sock.end();
    });
    sock.on('error', () => {});
    sock.on('data', (data: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, data]));
      pending = Buffer.from(rest);
      for (const { opcode, payload } of frames) {
        if (opcode === PING) sock.write(frame(PONG, payload));
        else if (opcode === CLOSE) {
          sock.end(frame(CLOSE, payload));
          gone();
        } else if (opcode === TEXT) {
          const message = JSON.parse(payload.toString('utf8')) as { op: number; d: unknown };
          if (message.op === OP.heartbeat) send(sock, { op: OP.heartbeatAck });
          if (message.op !== OP.identify) continue;
          const identify = message.d as Identify;
          identified.push(identify);
          const [id, count] = identify.shard;
          if (refuse.has(id)) {
            sock.end(closeFrame(AUTHENTICATION_FAILED));
            continue;
          }
          shardId = id;
          shards.set(id, { sock, seq: 1 });
          const ready = {
            v: 10,
            user: { ...user, discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
            guilds: [],
            session_id: `session-${id}-${Date.now()}`,
            resume_gateway_url: url,
            shard: [id, count],
            application: { id: user.id, flags: 0 },
          };
          send(sock, { op: OP.dispatch, t: 'READY', s: 1, d: ready });
        }
      }
    });
    send(sock, { op: OP.hello, d: { heartbeat_interval: 45_000 } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    identified,
    refuse,
    connected: () => [...shards.keys()].sort((a, b) => a - b),
    dispatch(shard, t, d) {
      const connection = shards.get(shard);
      if (!connection) throw new Error(`shard ${shard} is not connected to the gateway stand-in`);
      connection.seq += 1;
      send(connection.sock, { op: OP.dispatch, t, s: connection.seq, d });
    },
    async until(test, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`gateway stand-in: condition not met within ${timeoutMs} ms (identified: ${JSON.stringify(identified.map((i) => i.shard))})`);
        await sleep(20);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const sock of sockets) sock.destroy();
        server.close(() => resolve());
      }),
  };
}
