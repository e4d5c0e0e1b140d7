// The SSRF guard: which URLs and addresses a feed may be fetched from, and a connection pinned to the address checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { FeedError } from './feed.ts';

/** Why an address is refused, or null when a feed may connect to it. */
export type AddressGuard = (address: string) => string | null;

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to. Injected in tests to play a DNS server. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// Addresses that reach the bot's own machine or network rather than the public internet.
// BlockList also matches IPv4-mapped IPv6 (::ffff:10.0.0.1) against the IPv4 ranges.
const NOT_PUBLIC = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6');
}

/** Refuses loopback, private, link-local, CGNAT, multicast and unspecified addresses, in IPv4 and IPv6. */
export const publicAddressesOnly: AddressGuard = (address) => {
  const family = isIP(address);
  if (family === 0) return `not an IP address: ${address}`;
  return NOT_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `private address ${address}` : null;
};

/** For feeds the operator configured, and when FEED_ALLOW_PRIVATE=true: any address. */
export const anyAddress: AddressGuard = () => null;

/**
 * Checks an http(s) URL's scheme and every address its host resolves to; returns the address to
 * connect to. Every address must pass, so a host cannot slip a private one in among public ones.
 */
export async function checkedAddress(url: URL, guard: AddressGuard, resolve: HostResolver = systemResolver): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError(`refused: only http and https URLs are fetched, not ${url.protocol}`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) {
    addresses = [{ address: host, family }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw new FeedError(`host not found: ${host}`);
  for (const { address } of addresses) {
    const refusal = guard(address);
    if (refusal) throw new FeedError(`refused: ${refusal}`);
  }
  return addresses[0]!;
}

/**
 * A `lookup` for the socket that answers with the address already checked: Node never asks DNS
 * again, so a host cannot resolve to a public address for the check and a private one for the connection.
 */
export function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
