// The SSRF guard: what a feed added from chat may not reach, on the first request or any redirect, and the connection pinned to the address checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/feed.ts';
import { fetchFeed, type FetchOptions } from '../../src/feeds/fetch.ts';
import { type AddressGuard, type HostResolver, publicAddressesOnly } from '../../src/feeds/ssrf.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const NONE = { etag: null, lastModified: null };
const guarded: FetchOptions = { guard: publicAddressesOnly, timeoutMs: 30_000 };
/** The guard on, except for the test server itself, which stands in for a public feed host. */
const publicAndTestServer: AddressGuard = (address) => (address === '127.0.0.1' ? null : publicAddressesOnly(address));

describe('publicAddressesOnly', () => {
  it.each([
    ['127.0.0.1'],
    ['127.8.9.10'],
    ['10.0.0.1'],
    ['172.16.5.4'],
    ['192.168.1.1'],
    ['169.254.169.254'],
    ['100.64.0.1'],
    ['0.0.0.0'],
    ['::1'],
    ['::'],
    ['fd12:3456::1'],
    ['fe80::1'],
    ['fec0::1'],
    ['::ffff:127.0.0.1'],
    ['::ffff:a9fe:a9fe'],
  ])('refuses %s as private', (address) => {
    expect(publicAddressesOnly(address)).toBe(`private address ${address}`);
  });

  it.each([
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['ff02::1', 'multicast'],
    ['192.0.2.1', 'reserved for documentation or testing'],
    ['198.51.100.7', 'reserved for documentation or testing'],
    ['203.0.113.200', 'reserved for documentation or testing'],
    ['198.18.0.1', 'reserved for documentation or testing'],
    ['240.0.0.1', 'reserved for documentation or testing'],
    ['2001:db8::1', 'reserved for documentation or testing'],
    ['2002:a00:1::1', '6to4'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['64:ff9b::808:808', 'NAT64, reaches 8.8.8.8'],
    ['64:ff9b:1::a00:8', 'NAT64'],
  ])('refuses %s as reserved (%s)', (address, range) => {
    expect(publicAddressesOnly(address)).toBe(`reserved address ${address} (${range})`);
  });

  it.each([
    ['64:ff9b::a00:8', 'NAT64, reaches 10.0.0.8'],
    ['64:ff9b::7f00:1', 'NAT64, reaches 127.0.0.1'],
    ['::7f00:1', 'IPv4-compatible, reaches 127.0.0.1'],
    ['::a9fe:a9fe', 'IPv4-compatible, reaches 169.254.169.254'],
  ])('refuses %s, which carries a private IPv4 address, as private', (address, detail) => {
    expect(publicAddressesOnly(address)).toBe(`private address ${address} (${detail})`);
  });

  it('refuses what is not an IP address', () => {
    expect(publicAddressesOnly('127.1')).toBe('not an IP address: 127.1');
  });

  it.each([['93.184.216.34'], ['8.8.8.8'], ['2606:4700:4700::1111'], ['::ffff:8.8.8.8']])('allows %s', (address) => {
    expect(publicAddressesOnly(address)).toBeNull();
  });
});

describe('fetchFeed with the guard on', () => {
  it.each([
    ['http://127.0.0.1/feed', 'refused: private address 127.0.0.1'],
    ['http://10.1.2.3/feed', 'refused: private address 10.1.2.3'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: private address 169.254.169.254'],
    ['http://[::1]:8080/feed', 'refused: private address ::1'],
    ['http://[::ffff:127.0.0.1]/feed', 'refused: private address ::ffff:7f00:1'],
    // Spellings that the URL parser turns into 127.0.0.1.
    ['http://2130706433/feed', 'refused: private address 127.0.0.1'],
    ['http://0x7f.1/feed', 'refused: private address 127.0.0.1'],
    // IPv6 that reaches IPv4 (NAT64, IPv4-compatible, 6to4, Teredo) and the TEST-NETs: none is plain unicast.
    ['http://[64:ff9b::a00:8]/feed', 'refused: private address 64:ff9b::a00:8 (NAT64, reaches 10.0.0.8)'],
    ['http://[::7f00:1]/feed', 'refused: private address ::7f00:1 (IPv4-compatible, reaches 127.0.0.1)'],
    ['http://[2002:7f00:1::1]/feed', 'refused: reserved address 2002:7f00:1::1 (6to4)'],
    ['http://[2001::1]/feed', 'refused: reserved address 2001::1 (Teredo)'],
    ['http://192.0.2.10/feed', 'refused: reserved address 192.0.2.10 (reserved for documentation or testing)'],
    ['http://198.51.100.10/feed', 'refused: reserved address 198.51.100.10 (reserved for documentation or testing)'],
    ['http://203.0.113.10/feed', 'refused: reserved address 203.0.113.10 (reserved for documentation or testing)'],
    ['file:///etc/passwd', 'refused: file URLs are read only for the bundled demo feeds'],
    ['ftp://ftp.example.org/feed.xml', 'refused: only http and https URLs are fetched, not ftp:'],
    ['gopher://example.org/', 'refused: only http and https URLs are fetched, not gopher:'],
  ])('refuses %s', async (url, reason) => {
    await expect(fetchFeed(url, NONE, guarded)).rejects.toThrow(new FeedError(reason));
  });

  it('refuses a host name that resolves to a private address', async () => {
    await expect(fetchFeed('http://localhost/feed', NONE, guarded)).rejects.toThrow(/^refused: private address (127\.0\.0\.1|::1)$/);
  });

  it('refuses a host when any one of its addresses is private', async () => {
    const resolve: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    await expect(fetchFeed('http://mixed.example/feed', NONE, { ...guarded, resolve })).rejects.toThrow('refused: private address 10.0.0.7');
  });

  it.each([
    ['http://10.0.0.1/feed', 'refused: private address 10.0.0.1'],
    ['http://169.254.169.254/latest/meta-data/', 'refused: private address 169.254.169.254'],
    ['http://[::1]/', 'refused: private address ::1'],
    ['file:///etc/passwd', 'refused: only http and https URLs are fetched, not file:'],
  ])('checks every redirect: a redirect to %s is refused', async (to, reason) => {
    const before = server.requests.length;
    await expect(fetchFeed(server.url(`/redirect?to=${encodeURIComponent(to)}`), NONE, { ...guarded, guard: publicAndTestServer })).rejects.toThrow(new FeedError(reason));
    expect(server.requests.length).toBe(before + 1);
  });

  it('connects to the address it checked, without asking DNS again', async () => {
    // A rebinding DNS server: the checked answer first, a private address on any later question.
    let questions = 0;
    const resolve: HostResolver = async () => [{ address: questions++ === 0 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    const port = new URL(server.url('/')).port;
    const result = await fetchFeed(`http://feeds.rebind.test:${port}/fixtures/heise.atom`, NONE, { ...guarded, guard: publicAndTestServer, resolve });
    expect(result.kind).toBe('ok');
    expect(questions).toBe(1);
    expect(server.requests.at(-1)!.headers.host).toBe(`feeds.rebind.test:${port}`);
  });
});
