import { seedDemoData } from './seed-data';
import { seedReport } from './seed-report';
import { runScript, scriptConfig, withScriptContext } from './script-context';

/**
 * `npm run seed`: demo accounts and posts in the development database — the embedded one under
 * DATA_DIR that `npm start` uses (stop the app first), or DATABASE_URL. Idempotent.
 *
 *   node dist/scripts/seed.js
 */
async function main(): Promise<number> {
  const config = scriptConfig();
  if (config.nodeEnv === 'production') {
    console.error('Refusing to seed in NODE_ENV=production: the demo accounts have published passwords.');
    return 1;
  }
  const summary = await withScriptContext(config, seedDemoData);
  console.log(seedReport(summary).join('\n'));
  return 0;
}

runScript(main);
