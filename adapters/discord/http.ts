// Discord's HTTP interactions endpoint: POST /interactions, Ed25519-verified, each answered in its response body.
import { type KeyObject, createPublicKey, verify } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteraction } from 'discord.js';
import { log } from '../../src/log.ts';
import type { OnInteraction } from './interactions.ts';

export const INTERACTIONS_PATH = '/interactions';
/** Interaction payloads are a few kilobytes; anything far larger is not from Discord. */
const MAX_BODY = 1 << 20;
/** A request signed longer ago than this (or as far ahead) is refused: a captured request cannot be replayed later. */
const MAX_SIGNATURE_AGE_S = 5 * 60;

export interface InteractionsServer {
  port: number;
  close(): Promise<void>;
}

/** The application's public key (64 hex characters, from the Developer Portal) as a key node:crypto verifies with. */
function publicKey(hex: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

/** Whether Discord signed timestamp + body, lately: headers X-Signature-Ed25519 (hex) and X-Signature-Timestamp (Unix seconds). */
function signedByDiscord(key: KeyObject, req: IncomingMessage, body: Buffer): boolean {
  const signature = req.headers['x-signature-ed25519'];
  const timestamp = req.headers['x-signature-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^[0-9a-f]{128}$/i.test(signature)) return false;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_S) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body), () => resolve());
  });
}

export async function serveInteractions(
  options: { port: number; host?: string; publicKeyHex: string },
  onInteraction: OnInteraction,
): Promise<InteractionsServer> {
  const key = publicKey(options.publicKeyHex);

  const server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== INTERACTIONS_PATH) return await send(res, 404, { error: 'not found' });
      if (req.method !== 'POST') return await send(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
      const body = await readBody(req);
      if (!body) return await send(res, 413, { error: 'payload too large' });
      // Discord checks that unsigned and badly signed requests get a 401, and removes endpoints that answer otherwise.
      if (!signedByDiscord(key, req, body)) return await send(res, 401, { error: 'invalid request signature' });
      let interaction: APIInteraction;
      try {
        interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      } catch {
        return await send(res, 400, { error: 'body is not JSON' });
      }
      await onInteraction(interaction, (response) => send(res, 200, response));
      if (!res.headersSent) await send(res, 500, { error: 'no response' });
    } catch (err) {
      log.error({ err }, 'discord interactions endpoint failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
