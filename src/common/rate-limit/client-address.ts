import ipaddr from 'ipaddr.js';

/** An IPv6 network hands each subscriber (at least) a /64: its addresses are one client. */
export const IPV6_CLIENT_PREFIX = 64;

/**
 * Addresses already worked out. Each request asks twice (the early refusal and the limiter's
 * tracker) and a client sends many; past this many addresses the memo starts again, so a flood
 * from many addresses costs what it did without one, in bounded memory.
 */
export const CLIENT_MEMO_SIZE = 10_000;
/** Longer than any address (an IPv6 one with a zone id): from a forwarded header, never kept. */
const LONGEST_MEMO_KEY = 64;
const memo = new Map<string, string>();

/**
 * The client a request counts against, from its address (`req.ip`, which honours TRUST_PROXY):
 * an IPv4 address as it is (an IPv4-mapped IPv6 address `::ffff:1.2.3.4` is that IPv4 client),
 * an IPv6 address as its /64 network, since one host can pick any address within it. Anything
 * that is not an address (no socket address at all) is kept as it came.
 */
export function clientOf(ip: string | undefined): string {
  if (ip === undefined || ip === '') {
    return 'unknown';
  }
  if (ip.length > LONGEST_MEMO_KEY) {
    return parseClient(ip);
  }
  let client = memo.get(ip);
  if (client === undefined) {
    if (memo.size >= CLIENT_MEMO_SIZE) {
      memo.clear();
    }
    client = parseClient(ip);
    memo.set(ip, client);
  }
  return client;
}

function parseClient(ip: string): string {
  if (!ipaddr.IPv4.isValidFourPartDecimal(ip) && !ipaddr.IPv6.isValid(ip)) {
    return ip;
  }
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') {
    return address.toString();
  }
  const bytes = address.toByteArray();
  bytes.fill(0, IPV6_CLIENT_PREFIX / 8);
  return `${ipaddr.fromByteArray(bytes).toString()}/${IPV6_CLIENT_PREFIX}`;
}
