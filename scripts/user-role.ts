import type { INestApplicationContext } from '@nestjs/common';
import type { Role } from '../src/modules/auth/auth-user';
import { LastAdminError, UserNotFoundError } from '../src/modules/users/users.errors';
import { UsersService } from '../src/modules/users/users.service';
import { runScript, scriptConfig, withScriptContext } from './script-context';

/**
 * `npm run user:promote -- <email>` and `npm run user:demote -- <email>`: an account's role, for
 * operators, on the development database (the embedded one under DATA_DIR, stop the app first) or
 * DATABASE_URL. Demoting the last active admin is refused, as through the API.
 *
 *   node dist/scripts/user-role.js promote|demote <email>
 */
export const EXIT = { ok: 0, usage: 2, unknownEmail: 3, lastAdmin: 4 } as const;

/** The outcome as the line to print and the exit code. */
export async function changeRole(
  app: INestApplicationContext,
  email: string,
  role: Role,
): Promise<{ code: number; message: string }> {
  try {
    const { user, changed } = await app.get(UsersService).setRoleByEmail(email, role);
    const what = role === 'admin' ? 'an admin' : 'a regular user';
    return {
      code: EXIT.ok,
      message: changed
        ? `${user.email} (${user.username}) is now ${what}`
        : `${user.email} is already ${what}`,
    };
  } catch (error) {
    if (error instanceof UserNotFoundError) {
      return { code: EXIT.unknownEmail, message: `No account has the email ${email}` };
    }
    if (error instanceof LastAdminError) {
      return {
        code: EXIT.lastAdmin,
        message: `${email} is the last active admin: promote another account first (npm run user:promote -- <email>)`,
      };
    }
    throw error;
  }
}

async function main(): Promise<number> {
  const [command, email, extra] = process.argv.slice(2);
  const role: Role | undefined = command === 'promote' ? 'admin' : command === 'demote' ? 'user' : undefined;
  if (!role || !email || extra !== undefined) {
    console.error('Usage: npm run user:promote -- <email>   or   npm run user:demote -- <email>');
    return EXIT.usage;
  }
  const { code, message } = await withScriptContext(scriptConfig(), (app) => changeRole(app, email, role));
  (code === EXIT.ok ? console.log : console.error)(message);
  return code;
}

if (require.main === module) {
  runScript(main);
}
