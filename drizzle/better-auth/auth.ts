// The reference Better-Auth configuration: the frontend runs better-auth 1.7.25
// with the admin, twoFactor and @better-auth/api-key 1.7.5 plugins on the
// consolidated schema's own Drizzle tables. compat-check.ts drives it against
// a migrated database to prove the schema fits (spec better-auth-compat.md).
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, twoFactor } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { account, apikey, session, twoFactor as twoFactorTable, user, verification } from '../schema/auth';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/**
 * Every role `user_role_check` allows. Better-Auth refuses to set a role
 * missing from this map, so the database constraint never sees one.
 * Only `admin` may manage users (ban, unban, set roles, sessions); the other
 * roles matter to the admin site and the gateway, not to Better-Auth.
 */
const ac = createAccessControl(defaultStatements);
const noUserAdministration = () => ac.newRole({ user: [], session: [] });
export const roles = {
  admin: ac.newRole(adminAc.statements),
  support: noUserAdministration(),
  staff: noUserAdministration(),
  server_owner: noUserAdministration(),
  user: noUserAdministration(),
  readonly: noUserAdministration(),
  service: noUserAdministration(),
};

export const pool = new pg.Pool({ connectionString: requireEnv('DATABASE_URL') });
export const db = drizzle(pool);

/** Code of the sign-in refusal for a user the admin deactivated (`user.is_active = false`). */
export const USER_INACTIVE = 'USER_INACTIVE';

/**
 * `user.is_active` and `user.last_login_at` are the admin's columns, unknown
 * to Better-Auth (spec 3.1): the frontend refuses a session to an inactive
 * user and stamps the sign-in time, as the admin's own sign-in does.
 */
const sessionHooks = {
  async before(newSession: { userId: string }) {
    const [owner] = await db.select({ isActive: user.isActive }).from(user).where(eq(user.id, newSession.userId));
    if (owner?.isActive === false) {
      throw APIError.from('FORBIDDEN', { message: 'This account is deactivated.', code: USER_INACTIVE });
    }
  },
  async after(created: { userId: string }) {
    await db.update(user).set({ lastLoginAt: new Date() }).where(eq(user.id, created.userId));
  },
};

export const auth = betterAuth({
  // A BETTER_AUTH_SECRETS (versioned secrets) in the environment would take
  // precedence; the frontend uses the single BETTER_AUTH_SECRET.
  secret: requireEnv('BETTER_AUTH_SECRET'),
  baseURL: process.env.BETTER_AUTH_URL ?? 'http://localhost:3000',
  database: drizzleAdapter(db, {
    provider: 'pg',
    // Better-Auth's model names (singular, usePlural false) -> our tables.
    schema: { user, session, account, verification, twoFactor: twoFactorTable, apikey },
  }),
  emailAndPassword: { enabled: true },
  databaseHooks: { session: { create: sessionHooks } },
  plugins: [
    admin({ ac, roles, defaultRole: 'user', adminRoles: ['admin'] }),
    twoFactor(),
    apiKey(),
  ],
});
