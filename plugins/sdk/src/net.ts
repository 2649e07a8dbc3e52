/**
 * The SSRF guard: which network addresses a plugin may connect to. Private, loopback, link-local,
 * carrier-grade NAT, multicast and reserved ranges (IPv4 and IPv6, IPv4-mapped included) are refused
 * unless an instance allow-list names them. Checked on the address a host name actually resolves to,
 * at connect time, so a DNS answer cannot smuggle an internal address past a check of the name.
 */
import { BlockList, isIP } from 'node:net';

/** Ranges no plugin reaches unless allowed (RFC 6890 special-purpose registries, condensed). */
const REFUSED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];
const REFUSED_V6: readonly [string, number][] = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: may embed any IPv4 address
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: may embed any IPv4 address
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const refused = new BlockList();
for (const [net, prefix] of REFUSED_V4) refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of REFUSED_V6) refused.addSubnet(net, prefix, 'ipv6');

export class EgressError extends Error {
  override readonly name = 'EgressError';
}

/** Addresses allowed despite being private: IPs or CIDRs (`127.0.0.1`, `10.0.0.0/8`, `::1/128`). */
export class AddressAllowList {
  readonly #list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[] = []) {
    this.entries = entries;
    for (const raw of entries) {
      const entry = raw.trim();
      if (!entry) continue;
      const [address = '', prefixText] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new EgressError(`not an IP address or CIDR: ${JSON.stringify(raw)}`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefixText === undefined) {
        this.#list.addAddress(address, type);
        continue;
      }
      const prefix = Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
        throw new EgressError(`bad prefix length in ${JSON.stringify(raw)}`);
      }
      this.#list.addSubnet(address, prefix, type);
    }
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.#list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Whether an IP address is in a refused (non-public) range. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (!family) throw new EgressError(`not an IP address: ${address}`);
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Throws unless the address is public or explicitly allowed. */
export function assertAddressAllowed(address: string, allow: AddressAllowList, host = address): void {
  if (isNonPublicAddress(address) && !allow.has(address)) {
    throw new EgressError(
      `refused to connect to ${host} (${address}): private, loopback and link-local addresses are not reachable ` +
        'by plugins unless allowed (BATON_EGRESS_ALLOW_PRIVATE)',
    );
  }
}

/** `[::1]` → `::1`: URL host names keep IPv6 brackets. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Whether a host name matches an allow-list pattern: `*`, `example.com`, `*.example.com`. */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return h === p;
}
