import type { AddressInfo } from 'node:net';

const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

/**
 * The URL to print for where the server listens, from the socket's own address: so with PORT=0
 * it shows the port the operating system chose, and `localhost` only for a wildcard address.
 */
export function listenOrigin(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') {
    return `http://${address ?? 'localhost'}`;
  }
  const host = ANY_ADDRESS.has(address.address)
    ? 'localhost'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}
