// Drives the real better-auth package (auth.ts) against a freshly migrated
// database (DATABASE_URL) through its server API and checks every flow the
// admin shares with the frontend. Prints ONE JSON object on stdout: results
// and artifacts (cookie, hashes, encrypted 2FA data, API key) that
// tests/better_auth checks independently in Python. Any failed step exits 1
// with the step's name and the reason on stderr.
import { symmetricDecrypt } from 'better-auth/crypto';
import { randomBytes } from 'node:crypto';
import { auth, pool, USER_INACTIVE } from './auth';
import {
  call,
  CheckFailed,
  cookiePair,
  cookieValue,
  expect,
  expectStatus,
  SESSION_COOKIE,
  TWO_FACTOR_COOKIE,
  type Reply,
} from './call';
import { recordInserts } from './insert-recorder';

const api = auth.api as Record<string, any>;
const results: Record<string, unknown> = {};
const artifacts: Record<string, unknown> = {};
const written = recordInserts(pool);

/** The session token inside a signed session cookie (`<token>.<signature>`, URL-encoded). */
function sessionTokenOf(setCookie: string): string {
  const value = decodeURIComponent(cookieValue(setCookie));
  return value.slice(0, value.lastIndexOf('.'));
}

async function row(sqlText: string, params: unknown[]): Promise<Record<string, any> | undefined> {
  return (await pool.query(sqlText, params)).rows[0];
}

async function sessionCount(userId: string): Promise<number> {
  return (await row('SELECT count(*)::int AS n FROM "session" WHERE user_id = $1', [userId]))!.n;
}

async function signIn(email: string, password: string): Promise<Reply> {
  return call(api.signInEmail, { body: { email, password } });
}

/** Signs in and returns the Cookie header carrying the new session. */
async function sessionCookieFor(email: string, password: string): Promise<string> {
  const reply = await signIn(email, password);
  expectStatus(reply, 200, `sign-in of ${email}`);
  expect(reply.cookies[SESSION_COOKIE], `sign-in of ${email} set no ${SESSION_COOKIE} cookie`, reply.cookies);
  return cookiePair(reply.cookies[SESSION_COOKIE]);
}

const run = Math.random().toString(36).slice(2, 8);
const password = `Compat-${randomBytes(9).toString('base64url')}`;
const mixedCaseEmail = `Compat.User.${run}@Example.COM`;
const email = mixedCaseEmail.toLowerCase();
const adminEmail = `compat.admin.${run}@example.com`;
let userId = '';
let adminCookie = '';

async function signUpAndSignIn() {
  const signUp = await call(api.signUpEmail, {
    body: { email: mixedCaseEmail, password, name: 'Compat User' },
  });
  expectStatus(signUp, 200, 'sign-up');
  userId = signUp.body.user.id;
  const stored = await row('SELECT * FROM "user" WHERE id = $1', [userId]);
  expect(stored, 'sign-up wrote no user row');
  expect(stored.email === email, 'email not stored lower-cased', stored.email);
  results.signUp = {
    emailStored: stored.email,
    role: stored.role,
    banned: stored.banned,
    twoFactorEnabled: stored.two_factor_enabled,
    idLength: userId.length,
    sessionCookieSet: Boolean(signUp.cookies[SESSION_COOKIE]),
  };
  const acc = await row(
    `SELECT account_id, provider_id, password FROM account WHERE user_id = $1`,
    [userId],
  );
  expect(acc?.provider_id === 'credential', 'no credential account row', acc);
  Object.assign(artifacts, { email, mixedCaseEmail, password, userId, passwordHash: acc!.password });
  results.account = { providerId: acc!.provider_id, accountId: acc!.account_id };

  const wrong = await signIn(mixedCaseEmail, `${password}-wrong`);
  expectStatus(wrong, 401, 'sign-in with a wrong password', 'INVALID_EMAIL_OR_PASSWORD');
  // The mixed-case address signs in too: Better-Auth lower-cases it.
  const cookie = await sessionCookieFor(mixedCaseEmail, password);
  const got = await call(api.getSession, { cookie });
  expectStatus(got, 200, 'get-session');
  expect(got.body?.user?.id === userId, 'get-session returned another user', got.body);
  results.signIn = { wrongPasswordStatus: wrong.status, wrongPasswordCode: wrong.body?.code };
  results.getSession = { userId: got.body.user.id, role: got.body.user.role };
  return cookie;
}

async function makeAdmin() {
  const signUp = await call(api.signUpEmail, {
    body: { email: adminEmail, password, name: 'Compat Admin' },
  });
  expectStatus(signUp, 200, 'admin sign-up');
  // The first admin is made in SQL, as the admin site's bootstrap does.
  await pool.query(`UPDATE "user" SET role = 'admin' WHERE id = $1`, [signUp.body.user.id]);
  adminCookie = await sessionCookieFor(adminEmail, password);
  artifacts.adminUserId = signUp.body.user.id;
}

async function nonAdminIsRefused(userCookie: string) {
  const ban = await call(api.banUser, { cookie: userCookie, body: { userId: artifacts.adminUserId } });
  expectStatus(ban, 403, 'ban by a non-admin', 'YOU_ARE_NOT_ALLOWED_TO_BAN_USERS');
  const setRole = await call(api.setRole, { cookie: userCookie, body: { userId, role: 'admin' } });
  expectStatus(setRole, 403, 'set-role by a non-admin', 'YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE');
  results.nonAdmin = { banStatus: ban.status, banCode: ban.body.code, setRoleCode: setRole.body.code };
}

async function setRoles() {
  const roleOf = async () => (await row('SELECT role FROM "user" WHERE id = $1', [userId]))!.role;
  const single = await call(api.setRole, { cookie: adminCookie, body: { userId, role: 'support' } });
  expectStatus(single, 200, 'set-role support');
  const afterSingle = await roleOf();
  const multi = await call(api.setRole, {
    cookie: adminCookie,
    body: { userId, role: ['server_owner', 'readonly'] },
  });
  expectStatus(multi, 200, 'set-role [server_owner, readonly]');
  const afterMulti = await roleOf();
  const invalid = await call(api.setRole, { cookie: adminCookie, body: { userId, role: 'superuser' } });
  // Refused by Better-Auth (400 + its code), not by user_role_check (500).
  expectStatus(invalid, 400, 'set-role superuser', 'YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE');
  const afterInvalid = await roleOf();
  expect(afterInvalid === afterMulti, 'refused set-role still changed the role', afterInvalid);
  const back = await call(api.setRole, { cookie: adminCookie, body: { userId, role: 'user' } });
  expectStatus(back, 200, 'set-role user');
  results.setRole = {
    single: afterSingle,
    multi: afterMulti,
    invalidStatus: invalid.status,
    invalidCode: invalid.body.code,
    final: await roleOf(),
  };
}

async function banAndUnban(userCookie: string) {
  const before = await sessionCount(userId);
  const ban = await call(api.banUser, { cookie: adminCookie, body: { userId } });
  expectStatus(ban, 200, 'ban');
  const banned = await row('SELECT banned, ban_reason, ban_expires FROM "user" WHERE id = $1', [userId]);
  const after = await sessionCount(userId);
  expect(after === 0, 'ban left session rows', after);
  const stale = await call(api.getSession, { cookie: userCookie });
  expect(stale.body === null, 'the banned user\'s old cookie still has a session', stale.body);
  const refused = await signIn(email, password);
  expectStatus(refused, 403, 'sign-in while banned', 'BANNED_USER');
  expect((await sessionCount(userId)) === 0, 'refused sign-in left a session row');

  const unban = await call(api.unbanUser, { cookie: adminCookie, body: { userId } });
  expectStatus(unban, 200, 'unban');
  const unbanned = await row('SELECT banned, ban_reason, ban_expires FROM "user" WHERE id = $1', [userId]);
  expect(unbanned!.banned === false && unbanned!.ban_reason === null, 'unban left ban columns', unbanned);
  await sessionCookieFor(email, password);

  // A ban with an expiry: once passed, sign-in clears it and proceeds.
  const timed = await call(api.banUser, { cookie: adminCookie, body: { userId, banReason: 'timed', banExpiresIn: 1 } });
  expectStatus(timed, 200, 'timed ban');
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await sessionCookieFor(email, password);
  const expired = await row('SELECT banned, ban_reason, ban_expires FROM "user" WHERE id = $1', [userId]);
  expect(expired!.banned === false, 'sign-in after the ban expired did not clear it', expired);

  results.ban = {
    sessionsBefore: before,
    sessionsAfter: after,
    banned: banned!.banned,
    banReason: banned!.ban_reason,
    banExpires: banned!.ban_expires,
    oldCookieSession: stale.body,
    signInStatus: refused.status,
    signInCode: refused.body.code,
    unbanned,
    afterExpiredBan: expired,
  };
}

/** The admin's `is_active` and `last_login_at`, honoured through auth.ts's session hooks. */
async function inactiveUser() {
  const lastLogin = async () =>
    (await row('SELECT last_login_at FROM "user" WHERE id = $1', [userId]))!.last_login_at as Date | null;
  const stampedBefore = await lastLogin();
  expect(stampedBefore !== null, 'sign-in did not set last_login_at');
  await pool.query('UPDATE "user" SET is_active = false WHERE id = $1', [userId]);
  const sessionsBefore = await sessionCount(userId);
  const refused = await signIn(email, password);
  expectStatus(refused, 403, 'sign-in while inactive', USER_INACTIVE);
  const sessionsAfter = await sessionCount(userId);
  expect(sessionsAfter === sessionsBefore, 'refused sign-in created a session');
  await pool.query('UPDATE "user" SET is_active = true WHERE id = $1', [userId]);
  await sessionCookieFor(email, password);
  const stampedAfter = await lastLogin();
  expect(stampedAfter! > stampedBefore!, 'sign-in did not move last_login_at forward');
  results.inactive = {
    signInStatus: refused.status,
    signInCode: refused.body?.code,
    sessionCreated: sessionsAfter !== sessionsBefore,
    lastLoginAtSet: true,
  };
}

async function apiKeys(userCookie: string) {
  const created = await call(api.createApiKey, { cookie: userCookie, body: { name: 'compat' } });
  expectStatus(created, 200, 'create API key');
  const plain: string = created.body.key;
  const stored = await row('SELECT * FROM apikey WHERE id = $1', [created.body.id]);
  expect(stored?.reference_id === userId, 'API key row not owned by the user', stored);
  const verified = await call(api.verifyApiKey, { body: { key: plain } });
  expectStatus(verified, 200, 'verify API key');
  expect(verified.body.valid === true, 'API key did not verify', verified.body);
  const afterVerify = await row('SELECT request_count, last_request FROM apikey WHERE id = $1', [stored!.id]);
  // Change the last character (to one it is not: a key may well end in 'x').
  const forged = await call(api.verifyApiKey, {
    body: { key: `${plain.slice(0, -1)}${plain.endsWith('x') ? 'y' : 'x'}` },
  });
  expect(forged.body?.valid === false, 'a wrong API key verified', forged.body);
  Object.assign(artifacts, { apiKeyPlain: plain, apiKeyHashStored: stored!.key, apiKeyId: stored!.id });
  results.apiKey = {
    valid: verified.body.valid,
    verifiedOwner: verified.body.key?.referenceId,
    forgedValid: forged.body.valid,
    forgedCode: forged.body.error?.code,
    row: {
      configId: stored!.config_id,
      start: stored!.start,
      prefix: stored!.prefix,
      enabled: stored!.enabled,
      rateLimitEnabled: stored!.rate_limit_enabled,
      rateLimitTimeWindow: stored!.rate_limit_time_window,
      rateLimitMax: stored!.rate_limit_max,
      requestCount: stored!.request_count,
      requestCountAfterVerify: afterVerify!.request_count,
      lastRequestSetByVerify: afterVerify!.last_request !== null,
      remaining: stored!.remaining,
      metadata: stored!.metadata,
      permissions: stored!.permissions,
    },
  };
}

async function totpCode(secret: string): Promise<string> {
  return (await api.generateTOTP({ body: { secret } })).code;
}

/** A code with the time it was made, for the Python TOTP implementation to reproduce. */
async function totpSample(secret: string): Promise<{ unixTime: number; code: string }> {
  for (;;) {
    const before = Date.now();
    const code = await totpCode(secret);
    const after = Date.now();
    if (Math.floor(before / 30000) === Math.floor(after / 30000)) return { unixTime: before / 1000, code };
  }
}

/** Enables TOTP, confirms it with a code, then signs in through the second factor. */
async function twoFactor(userCookie: string): Promise<string> {
  const enable = await call(api.enableTwoFactor, { cookie: userCookie, body: { password } });
  expectStatus(enable, 200, 'enable two-factor');
  const pending = await row('SELECT * FROM two_factor WHERE user_id = $1', [userId]);
  expect(pending, 'enable wrote no two_factor row');
  const enabledBefore = (await row('SELECT two_factor_enabled FROM "user" WHERE id = $1', [userId]))!
    .two_factor_enabled;
  expect(enabledBefore === false, 'two_factor_enabled set before a code was verified');
  const secret = await symmetricDecrypt({ key: process.env.BETTER_AUTH_SECRET!, data: pending!.secret });
  const uriSecret = new URL(enable.body.totpURI).searchParams.get('secret');

  const wrong = await call(api.verifyTOTP, { cookie: userCookie, body: { code: '000000' } });
  const confirm = await call(api.verifyTOTP, { cookie: userCookie, body: { code: await totpCode(secret) } });
  expectStatus(confirm, 200, 'verify TOTP (enable)');
  // Verification rotates the session: the old token is deleted, a new cookie set.
  expect(confirm.cookies[SESSION_COOKIE], 'TOTP verification set no new session cookie', confirm.cookies);
  const confirmed = await row('SELECT * FROM two_factor WHERE user_id = $1', [userId]);
  const enabledAfter = (await row('SELECT two_factor_enabled FROM "user" WHERE id = $1', [userId]))!
    .two_factor_enabled;
  expect(enabledAfter === true && confirmed!.verified === true, 'TOTP verification did not enable 2FA');

  // Password sign-in now yields no session until a code is verified.
  const sessionsBefore = await sessionCount(userId);
  const firstFactor = await signIn(email, password);
  expectStatus(firstFactor, 200, 'sign-in with 2FA');
  expect(firstFactor.body?.twoFactorRedirect === true, 'sign-in skipped the second factor', firstFactor.body);
  const sessionsAfterPassword = await sessionCount(userId);
  expect(sessionsAfterPassword === sessionsBefore, 'password alone created a session');
  const challenge = firstFactor.cookies[TWO_FACTOR_COOKIE];
  expect(challenge, 'no two-factor challenge cookie', firstFactor.cookies);
  const second = await call(api.verifyTOTP, {
    cookie: cookiePair(challenge),
    body: { code: await totpCode(secret) },
  });
  expectStatus(second, 200, 'verify TOTP (sign-in)');
  expect(second.cookies[SESSION_COOKIE], 'second factor set no session cookie', second.cookies);

  Object.assign(artifacts, {
    twoFactorSecretEncrypted: confirmed!.secret,
    totpSecretPlain: secret,
    totpUriSecret: uriSecret,
    backupCodesEncrypted: confirmed!.backup_codes,
    backupCodesPlain: enable.body.backupCodes,
    totpSample: await totpSample(secret),
  });
  results.twoFactor = {
    enabledBeforeVerify: enabledBefore,
    verifiedBeforeVerify: pending!.verified,
    wrongCodeStatus: wrong.status,
    wrongCodeCode: wrong.body?.code,
    enabledAfterVerify: enabledAfter,
    verifiedAfterVerify: confirmed!.verified,
    failedVerificationCount: confirmed!.failed_verification_count,
    signInTwoFactorRedirect: firstFactor.body.twoFactorRedirect,
    signInMethods: firstFactor.body.twoFactorMethods,
    sessionCreatedByPasswordAlone: sessionsAfterPassword !== sessionsBefore,
    secondFactorStatus: second.status,
  };
  return second.cookies[SESSION_COOKIE];
}

/** Signs in through 2FA again and signs out: the session row must be gone. */
async function signOut(setCookie: string) {
  const token = sessionTokenOf(setCookie);
  const present = await row('SELECT 1 AS ok FROM "session" WHERE token = $1', [token]);
  expect(present, 'the session to sign out of does not exist');
  const out = await call(api.signOut, { cookie: cookiePair(setCookie) });
  expectStatus(out, 200, 'sign-out');
  const gone = !(await row('SELECT 1 AS ok FROM "session" WHERE token = $1', [token]));
  expect(gone, 'sign-out left the session row');
  const cleared = out.cookies[SESSION_COOKIE];
  results.signOut = { sessionRowDeleted: gone, clearingCookie: cleared ?? null };
  artifacts.signedOutToken = token;
}

/** A session left alive for the Python side: cookie, token and expiry. */
async function liveSession() {
  const first = await signIn(email, password);
  const code = await totpCode(artifacts.totpSecretPlain as string);
  const second = await call(api.verifyTOTP, {
    cookie: cookiePair(first.cookies[TWO_FACTOR_COOKIE]),
    body: { code },
  });
  expectStatus(second, 200, 'verify TOTP (live session)');
  const setCookie = second.cookies[SESSION_COOKIE];
  const token = sessionTokenOf(setCookie);
  const stored = await row('SELECT token, expires_at, user_id FROM "session" WHERE token = $1', [token]);
  expect(stored?.user_id === userId, 'the live session is not in the database', stored);
  Object.assign(artifacts, {
    sessionCookie: setCookie,
    sessionToken: token,
    sessionExpiresAt: stored!.expires_at,
  });
}

/** An unexpected error with its causes first (drizzle wraps the database's error). */
function describe(error: unknown): string {
  const causes: string[] = [];
  for (let e: any = error; e; e = e.cause) causes.push(e.message ?? String(e));
  return `${causes.join('\n  caused by: ')}\n${(error as Error)?.stack ?? ''}`;
}

async function main() {
  let userCookie = '';
  let twoFactorSession = '';
  const steps: [string, () => Promise<void>][] = [
    ['sign-up, sign-in, get-session', async () => void (userCookie = await signUpAndSignIn())],
    ['make an admin', makeAdmin],
    ['non-admin refused', () => nonAdminIsRefused(userCookie)],
    ['set role', setRoles],
    ['ban and unban', () => banAndUnban(userCookie)],
    ['inactive user', inactiveUser],
    // The ban deleted the first session: the rest runs on a fresh one.
    ['API key', async () => apiKeys((userCookie = await sessionCookieFor(email, password)))],
    ['two-factor', async () => void (twoFactorSession = await twoFactor(userCookie))],
    ['sign-out', () => signOut(twoFactorSession)],
    ['live session artifact', liveSession],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      const reason = error instanceof CheckFailed ? error.message : describe(error);
      process.stderr.write(`compat-check: step "${name}" failed: ${reason}\n`);
      process.exitCode = 1;
      return;
    }
  }
  results.inserted = written.summary();
  process.stdout.write(`${JSON.stringify({ ok: true, secret: process.env.BETTER_AUTH_SECRET, ...artifacts, results })}\n`);
}

main().finally(() => pool.end());
