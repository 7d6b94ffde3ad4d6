// Better-Auth 1.7 tables (core + admin, twoFactor and @better-auth/api-key 1.7.5
// plugins), spec 3.1. The exported keys are Better-Auth's model names; the
// Drizzle adapter (provider 'pg') is given these exact tables.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { descending, jsonObject, textPk, timestamps, timestamptz } from './columns';
import { tenant } from './tenancy';

/** Roles of Better-Auth's admin plugin, stored comma-separated in `user.role`. */
export const USER_ROLES = ['admin', 'support', 'staff', 'server_owner', 'user', 'readonly', 'service'] as const;

export const user = pgTable(
  'user',
  {
    id: textPk(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    ...timestamps(),
    role: text('role').notNull().default('user'),
    banned: boolean('banned').notNull().default(false),
    banReason: text('ban_reason'),
    banExpires: timestamptz('ban_expires'),
    twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
    username: text('username'),
    tenantId: text('tenant_id'),
    isActive: boolean('is_active').notNull().default(true),
    lastLoginAt: timestamptz('last_login_at'),
    metadata: jsonObject('metadata'),
    preferences: jsonObject('preferences'),
  },
  (t) => [
    foreignKey({ name: 'user_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'set null',
    ),
    unique('user_email_key').on(t.email),
    unique('user_username_key').on(t.username),
    check(
      'user_role_check',
      sql`${t.role} ~ '^(admin|support|staff|server_owner|user|readonly|service)(,(admin|support|staff|server_owner|user|readonly|service))*$'`,
    ),
    check('user_email_check', sql`${t.email} = lower(${t.email})`),
    // Blocks case duplicates and serves prefix search (LIKE 'abc%').
    uniqueIndex('user_email_lower_key').using('btree', sql`lower(${t.email}) text_pattern_ops`),
    index('user_tenant_id_idx').on(t.tenantId),
    index('user_role_idx').on(t.role),
    index('user_created_at_idx').on(descending(t.createdAt), descending(t.id)),
    index('user_banned_idx').on(t.banExpires).where(sql`${t.banned}`),
  ],
);

export const session = pgTable(
  'session',
  {
    id: textPk(),
    expiresAt: timestamptz('expires_at').notNull(),
    token: text('token').notNull(),
    ...timestamps(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id').notNull(),
    // Admin plugin: the impersonating admin's id; a plain column as in Better-Auth.
    impersonatedBy: text('impersonated_by'),
  },
  (t) => [
    foreignKey({ name: 'session_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete('cascade'),
    unique('session_token_key').on(t.token),
    index('session_user_id_idx').on(t.userId),
    index('session_expires_at_idx').on(t.expiresAt),
  ],
);

export const account = pgTable(
  'account',
  {
    id: textPk(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id').notNull(),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamptz('access_token_expires_at'),
    refreshTokenExpiresAt: timestamptz('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'account_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete('cascade'),
    unique('account_provider_id_account_id_key').on(t.providerId, t.accountId),
    index('account_user_id_idx').on(t.userId),
  ],
);

export const verification = pgTable(
  'verification',
  {
    id: textPk(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    ...timestamps(),
  },
  (t) => [
    index('verification_identifier_idx').on(t.identifier),
    index('verification_expires_at_idx').on(t.expiresAt),
  ],
);

export const twoFactor = pgTable(
  'two_factor',
  {
    id: textPk(),
    secret: text('secret').notNull(),
    backupCodes: text('backup_codes').notNull(),
    userId: text('user_id').notNull(),
    verified: boolean('verified').notNull().default(true),
    failedVerificationCount: integer('failed_verification_count').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'two_factor_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    index('two_factor_user_id_idx').on(t.userId),
    index('two_factor_secret_idx').on(t.secret),
  ],
);

export const apikey = pgTable(
  'apikey',
  {
    id: textPk(),
    configId: text('config_id').notNull().default('default'),
    name: text('name'),
    start: text('start'),
    // Owner user id. User-owned keys only: organization-owned keys would need this FK dropped.
    referenceId: text('reference_id').notNull(),
    prefix: text('prefix'),
    key: text('key').notNull(),
    refillInterval: integer('refill_interval'),
    refillAmount: integer('refill_amount'),
    lastRefillAt: timestamptz('last_refill_at'),
    enabled: boolean('enabled').default(true),
    rateLimitEnabled: boolean('rate_limit_enabled').default(true),
    rateLimitTimeWindow: integer('rate_limit_time_window'),
    rateLimitMax: integer('rate_limit_max'),
    requestCount: integer('request_count').default(0),
    remaining: integer('remaining'),
    lastRequest: timestamptz('last_request'),
    expiresAt: timestamptz('expires_at'),
    ...timestamps(),
    permissions: text('permissions'),
    metadata: text('metadata'),
  },
  (t) => [
    foreignKey({ name: 'apikey_reference_id_fkey', columns: [t.referenceId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    unique('apikey_key_key').on(t.key),
    index('apikey_reference_id_idx').on(t.referenceId),
    index('apikey_config_id_idx').on(t.configId),
  ],
);
