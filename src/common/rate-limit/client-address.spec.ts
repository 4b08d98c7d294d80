import { CLIENT_MEMO_SIZE, clientOf } from './client-address';

describe(clientOf.name, () => {
  it('keeps an IPv4 address as it is', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 client', () => {
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::FFFF:cb00:7107')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64 network', () => {
    expect(clientOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:0DB8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('drops an IPv6 zone id with the host part', () => {
    expect(clientOf('fe80::1%eth0')).toBe('fe80::/64');
  });

  it('keeps what is not an address as it came', () => {
    expect(clientOf(undefined)).toBe('unknown');
    expect(clientOf('not an address')).toBe('not an address');
    expect(clientOf('x'.repeat(4096))).toBe('x'.repeat(4096));
  });

  it('answers an address asked again, or after the memo filled up and started again, the same', () => {
    const first = clientOf('2001:db8:9:9::1');
    for (let n = 0; n <= CLIENT_MEMO_SIZE; n += 1) {
      clientOf(`198.51.${(n >> 8) & 255}.${n & 255}`);
    }
    expect(clientOf('2001:db8:9:9::1')).toBe(first);
    expect(clientOf('2001:db8:9:9::2')).toBe('2001:db8:9:9::/64');
    expect(clientOf('::ffff:198.51.0.7')).toBe('198.51.0.7');
  });
});
