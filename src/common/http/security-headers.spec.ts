import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { securityHeaders } from './security-headers';

/** What Helmet itself sets on a response, header by header. */
function setByHelmet(): Map<string, string> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
  };
  helmet()({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return headers;
}

describe(securityHeaders.name, () => {
  it("is exactly Helmet's default headers", () => {
    expect(new Map(securityHeaders())).toEqual(setByHelmet());
  });

  it('includes the headers that matter most', () => {
    const headers = new Map(securityHeaders());
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Content-Security-Policy')).toContain("default-src 'self'");
    expect(headers.get('Strict-Transport-Security')).toMatch(/^max-age=\d+/);
  });

  it('follows the options given to Helmet', () => {
    const headers = new Map(securityHeaders({ frameguard: { action: 'deny' }, hsts: false }));
    expect(headers.get('X-Frame-Options')).toBe('DENY');
    expect(headers.has('Strict-Transport-Security')).toBe(false);
  });
});
