import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a workspace's messages may be delivered. A delivery URL is the shop's, so Retain
 * must not become its way into the network it runs in (the cloud metadata service at
 * 169.254.169.254, private services): only public https endpoints. The local harness may
 * allow loopback (and plain http) for a bridge on the developer's own machine.
 */
export interface DeliveryTargetPolicy {
  allowLoopback: boolean;
}

/** What a deployed function delivers under: public https only. */
export const PUBLIC_HTTPS_ONLY: DeliveryTargetPolicy = { allowLoopback: false };

const RANGE_NAMES: Record<string, string> = {
  private: 'a private address (10/8, 172.16/12, 192.168/16)',
  loopback: 'a loopback address',
  linkLocal: 'a link-local address (the cloud metadata service among them)',
  carrierGradeNat: 'a shared address (100.64/10)',
  uniqueLocal: 'a unique-local IPv6 address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'the broadcast address',
};

/** Global unicast IPv6; anything else (IPv4-compatible, NAT64, 6to4 …) may lead to an IPv4 address. */
const GLOBAL_IPV6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** Why Retain may not connect to this IP address under the policy, or undefined when it may. */
export const addressProblem = (address: string, policy: DeliveryTargetPolicy): string | undefined => {
  // An IPv4-mapped IPv6 address (::ffff:169.254.169.254) is the IPv4 address it carries.
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range === 'loopback' && policy.allowLoopback) return undefined;
  if (range === 'unicast' && (parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).match(GLOBAL_IPV6))) return undefined;
  return `${parsed.toString()}, ${RANGE_NAMES[range] ?? 'a reserved address'}`;
};

const hostnameOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();

/**
 * Why a delivery URL is not one Retain delivers to, as written: its scheme, credentials in
 * it, an IP address that is not public, a `localhost` name. (A name that resolves to such an
 * address is caught when connecting: see `checkedLookup`.)
 */
export const deliveryUrlProblem = (url: string, policy: DeliveryTargetPolicy): string | undefined => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, e.g. "https://bridge.example.com/retain"';
  }
  const schemes = policy.allowLoopback ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(parsed.protocol)) {
    return policy.allowLoopback ? 'must be an http or https URL' : 'must be an https URL (messages carry phone numbers and e-mail addresses), e.g. "https://bridge.example.com/retain"';
  }
  if (parsed.username !== '' || parsed.password !== '') return 'must not carry a user name or password: the x-retain-signature header authenticates Retain to the bridge';
  const host = hostnameOf(parsed);
  if (isIP(host) !== 0) {
    const problem = addressProblem(host, policy);
    return problem && `must not point at ${problem}: give the bridge's public https address`;
  }
  if ((host === 'localhost' || host.endsWith('.localhost')) && !policy.allowLoopback) return `must not point at "${host}", this machine: give the bridge's public https address`;
  return undefined;
};
