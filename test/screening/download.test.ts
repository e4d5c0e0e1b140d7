// Downloading an uploaded file from a real HTTP server on 127.0.0.1: only from allowed origins, never through a redirect, never past the size limit.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadUpload } from '../../src/screening/download.ts';
import { MAX_FILE_BYTES, ScreeningInputError } from '../../src/screening/input.ts';

let server: Server;
let origin: string;
const requests: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (req.url === '/names.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('name\nSEK Studio\n');
    if (req.url === '/private.csv') return void res.writeHead(302, { location: '/signin' }).end();
    if (req.url === '/declared-huge.csv') return void res.writeHead(200, { 'content-length': String(MAX_FILE_BYTES + 1) }).end();
    if (req.url === '/endless.csv') {
      // No length announced: the limit must hold as the bytes arrive.
      res.writeHead(200, { 'content-type': 'text/csv' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('error', () => {});
      return pump();
    }
    if (req.url === '/slow.csv') return void setTimeout(() => res.writeHead(200).end('name\nx\n'), 2_000);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function problem(url: string, options: Partial<Parameters<typeof downloadUpload>[1]> = {}): Promise<string> {
  const err = await downloadUpload(url, { allowedOrigins: [origin], ...options }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ScreeningInputError);
  return (err as Error).message;
}

describe('downloading an upload', () => {
  it('returns the bytes, sending the headers it is given', async () => {
    const bytes = await downloadUpload(`${origin}/names.csv`, { allowedOrigins: [origin], headers: { authorization: 'Bearer xoxb-1' } });
    expect(Buffer.from(bytes).toString()).toBe('name\nSEK Studio\n');
    expect(requests.at(-1)).toEqual({ path: '/names.csv', authorization: 'Bearer xoxb-1' });
  });

  it('sends nothing to an origin not allowed, a token least of all', async () => {
    const before = requests.length;
    expect(await problem(`${origin.replace('127.0.0.1', 'localhost')}/names.csv`, { headers: { authorization: 'Bearer xoxb-1' } })).toMatch(/^the file is not on the platform's own servers \(localhost:\d+\)\.$/);
    expect(await problem('not a url')).toBe('the file has no address to download it from.');
    expect(requests.length).toBe(before);
  });

  it('does not follow a redirect (a sign-in page), so no header goes anywhere else', async () => {
    expect(await problem(`${origin}/private.csv`)).toBe('the file could not be downloaded (HTTP 302, a redirect).');
    expect(requests.some((r) => r.path === '/signin')).toBe(false);
    expect(await problem(`${origin}/gone.csv`)).toBe('the file could not be downloaded (HTTP 404).');
  });

  it('stops at the size limit, announced or not', async () => {
    expect(await problem(`${origin}/declared-huge.csv`)).toBe('the file is 5.0 MB; the limit is 5 MB.');
    expect(await problem(`${origin}/endless.csv`)).toBe('the file is larger than the limit of 5 MB.');
  });

  it('gives up on a server that does not answer in time', async () => {
    expect(await problem(`${origin}/slow.csv`, { timeoutMs: 200 })).toMatch(/^the file could not be downloaded \(.*\)\.$/);
  });
});
