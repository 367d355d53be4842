import { lookup as dnsLookup, promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Webhook destinations must be public: a subscription to 127.0.0.1, 10.0.0.0/8, 169.254.169.254
 * (cloud metadata) and the like would let an administrator make the server call its own network
 * (server-side request forgery). Set WEBHOOK_ALLOW_PRIVATE=true to allow them (development, tests,
 * or receivers on the same private network by intent).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');

/**
 * Why a URL may not receive webhooks, or null: its host is, or resolves to, a non-public address.
 * A host that does not resolve (yet) passes here; the delivery checks again when it connects.
 */
export async function privateDestination(url: string): Promise<string | null> {
  const host = hostOf(url);
  const addresses: string[] = ipaddr.isValid(host)
    ? [host]
    : (await dns.lookup(host, { all: true }).catch(() => [] as LookupAddress[])).map((a) => a.address);
  const local = addresses.find((a) => !isPublicAddress(a));
  return local
    ? `${host} is a private or local address (${local}); webhooks go to public addresses only`
    : null;
}

/**
 * A lookup for http(s).request that refuses to connect to a non-public address, so a name that
 * resolved to a public address when the webhook was saved cannot be pointed inward later.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 4);
    const list = addresses as unknown as LookupAddress[];
    const local = list.find((a) => !isPublicAddress(a.address));
    if (local) {
      const refused = Object.assign(
        new Error(`refused: ${hostname} resolves to ${local.address}, a private or local address`),
        {
          code: 'EPRIVATEADDRESS',
        },
      );
      return callback(refused, '', 4);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};
