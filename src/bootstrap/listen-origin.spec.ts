import { listenOrigin } from './listen-origin';

describe(listenOrigin.name, () => {
  it('shows the port the socket is bound to', () => {
    expect(listenOrigin({ address: '127.0.0.1', family: 'IPv4', port: 43117 })).toBe(
      'http://127.0.0.1:43117',
    );
  });

  it.each(['0.0.0.0', '::'])('shows localhost for the wildcard address %s', (address) => {
    expect(listenOrigin({ address, family: address === '::' ? 'IPv6' : 'IPv4', port: 3000 })).toBe(
      'http://localhost:3000',
    );
  });

  it('brackets an IPv6 address', () => {
    expect(listenOrigin({ address: '::1', family: 'IPv6', port: 3000 })).toBe('http://[::1]:3000');
  });
});
