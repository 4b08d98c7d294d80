import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { loadConfig } from './load-config';

type TrustFn = (address: string, hop: number) => boolean;

/** The function Express compiles from the config's "trust proxy" value, as app.setup.ts sets it. */
function trustFor(env: Record<string, string>): TrustFn {
  const app = new ExpressAdapter().getInstance<Express>();
  app.set('trust proxy', loadConfig(env).trustProxy);
  return app.get('trust proxy fn') as TrustFn;
}

describe('TRUST_PROXY', () => {
  it.each([[{}], [{ TRUST_PROXY: 'false' }]])('trusts no proxy when unset or false (%p)', (env) => {
    expect(loadConfig(env).trustProxy).toBe(false);
    expect(trustFor(env)('127.0.0.1', 0)).toBe(false);
  });

  it('trusts every proxy with true', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(trustFor({ TRUST_PROXY: 'true' })('203.0.113.9', 5)).toBe(true);
  });

  it('trusts that many hops with a count', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    const trust = trustFor({ TRUST_PROXY: '2' });
    expect([0, 1, 2].map((hop) => trust('203.0.113.9', hop))).toEqual([true, true, false]);
  });

  it('trusts the listed addresses and ranges, and no others', () => {
    const env = { TRUST_PROXY: 'loopback, 10.0.0.0/8' };
    expect(loadConfig(env).trustProxy).toEqual(['loopback', '10.0.0.0/8']);
    const trust = trustFor(env);
    expect(['127.0.0.1', '::1', '10.20.30.40'].map((address) => trust(address, 0))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['203.0.113.9', '11.0.0.1'].map((address) => trust(address, 0))).toEqual([false, false]);
  });
});
