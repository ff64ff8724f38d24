import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressProblem, type DeliveryTargetPolicy } from './delivery-target.js';

/** A name's addresses, as `dns.lookup(name, { all: true })` gives them. */
export type ResolveName = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: ResolveName = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A delivery URL's name resolved to an address Retain may not connect to. */
export class DeliveryTargetError extends Error {
  override readonly name = 'DeliveryTargetError';
}

/**
 * The lookup a delivery connection uses: the name is resolved once, every address checked
 * against the policy, and the connection goes to exactly the addresses that were checked —
 * a name cannot pass the check and then resolve elsewhere (DNS rebinding). One address that
 * is not allowed refuses the name.
 */
export const checkedLookup =
  (policy: DeliveryTargetPolicy, resolve: ResolveName = systemResolve): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const addresses = options.family === 4 || options.family === 6 ? resolved.filter((address) => address.family === options.family) : resolved;
        const problem = addresses.map((address) => addressProblem(address.address, policy)).find((found) => found !== undefined);
        if (problem) return callback(new DeliveryTargetError(`${hostname} resolves to ${problem}`), '', 0);
        const [first] = addresses;
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        return options.all ? callback(null, addresses) : callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
