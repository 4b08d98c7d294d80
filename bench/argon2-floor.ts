import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { loadConfig } from '../src/config/load-config';

/**
 * How many argon2id verifications a second one core does with Strata's default parameters, and
 * nothing else: the ceiling of a login endpoint with these parameters on this core, measured in the
 * same run as the login scenario. Started by the suite pinned to the server core; prints the rate as
 * a number.
 */
const ARGON2ID = 2 as Algorithm;
const SECONDS = Number(process.env.BENCH_ARGON2_SECONDS ?? 3);

async function main(): Promise<void> {
  const config = loadConfig({});
  const options = {
    algorithm: ARGON2ID,
    memoryCost: config.argon2MemoryKib,
    timeCost: config.argon2TimeCost,
    parallelism: config.argon2Parallelism,
  };
  const stored = await hash('bench-password-that-is-not-common-42', options);
  const started = performance.now();
  let done = 0;
  while (performance.now() - started < SECONDS * 1000) {
    await verify(stored, 'bench-password-that-is-not-common-42');
    done += 1;
  }
  console.log((done / ((performance.now() - started) / 1000)).toFixed(1));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
