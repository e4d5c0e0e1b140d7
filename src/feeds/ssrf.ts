// The SSRF guard: which URLs and addresses a feed may be fetched from, and a connection pinned to the address checked.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
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

/** Ranges (ipaddr.js's names) that reach the bot's own machine or network: "private"; any other but unicast is "reserved". */
const PRIVATE_RANGES = new Set(['unspecified', 'loopback', 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal', 'deprecatedSiteLocal']);
/** How a refusal names a reserved range where ipaddr.js's name says little. */
const RANGE_NAMES: Record<string, string> = { reserved: 'reserved for documentation or testing', rfc6052: 'NAT64', teredo: 'Teredo' };

/**
 * Refuses every address that is not plain unicast by ipaddr.js's range(), which knows every special range of IPv4
 * and IPv6 (TEST-NETs, 6to4, Teredo, NAT64, ...). An IPv4-mapped address is judged by its IPv4 address; a NAT64 or
 * IPv4-compatible one is always refused, and named private when the IPv4 address it reaches is (`64:ff9b::a00:8`).
 */
export const publicAddressesOnly: AddressGuard = (address) => {
  // isIP first: ipaddr.js also reads spellings (`127.1`, `0x7f000001`) that no resolver answers.
  if (isIP(address) === 0) return `not an IP address: ${address}`;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return judged(address, parsed.range());
  const ipv6 = parsed as ipaddr.IPv6;
  const range = ipv6.range();
  if (range === 'ipv4Mapped') return judged(address, ipv6.toIPv4Address().range());
  const carried = carriedIPv4(ipv6, range);
  if (carried) return refused(address, carried.ipv4.range(), `${carried.via}, reaches ${carried.ipv4.toString()}`);
  return judged(address, range);
};

function judged(address: string, range: string): string | null {
  return range === 'unicast' ? null : refused(address, range, RANGE_NAMES[range] ?? range);
}

function refused(address: string, range: string, detail: string): string {
  return PRIVATE_RANGES.has(range) ? `private address ${address}${detail === range ? '' : ` (${detail})`}` : `reserved address ${address} (${detail})`;
}

/** The IPv4 address in the low 32 bits of a NAT64 (64:ff9b::/96) or IPv4-compatible (::/96, deprecated) address. */
function carriedIPv4(address: ipaddr.IPv6, range: string): { via: string; ipv4: ipaddr.IPv4 } | null {
  const [a, b, c, d, e, f, g, h] = address.parts as [number, number, number, number, number, number, number, number];
  const zeroes = c === 0 && d === 0 && e === 0 && f === 0;
  const via = range === 'rfc6052' && a === 0x64 && b === 0xff9b && zeroes ? 'NAT64' : range === 'unicast' && a === 0 && b === 0 && zeroes ? 'IPv4-compatible' : null;
  return via ? { via, ipv4: new ipaddr.IPv4([g >> 8, g & 0xff, h >> 8, h & 0xff]) } : null;
}

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
