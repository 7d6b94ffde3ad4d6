// Gateway API tokens, their usage roll-ups and rate limits, spec 3.4.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import {
  counter,
  createdAt,
  descending,
  jsonList,
  jsonObject,
  textArray,
  timestamps,
  timestamptz,
  uuidPk,
} from './columns';
import { apiKeyScope, rateLimitAction, rateLimitScope } from './enums';
import { mcpServer } from './registry';
import { tenant } from './tenancy';

/**
 * Legacy `api_keys` / `enhanced_api_keys` rows and admin-issued tokens. The
 * verifier picks the hash scheme from `legacy_source` and `salt`.
 */
export const apiToken = pgTable(
  'api_token',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    keyHash: text('key_hash').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    salt: text('salt'),
    userId: text('user_id'),
    tenantId: text('tenant_id'),
    scopes: apiKeyScope('scopes').array().notNull().default(sql`'{}'::api_key_scope[]`),
    permissions: jsonList('permissions'),
    allowedServers: textArray('allowed_servers'),
    allowedMethods: textArray('allowed_methods'),
    // text[], not cidr[]: cidr rejects host bits and normalizes spelling, legacy values must survive.
    ipWhitelist: textArray('ip_whitelist'),
    rateLimitPerHour: integer('rate_limit_per_hour'),
    rateLimitPerDay: integer('rate_limit_per_day'),
    isActive: boolean('is_active').notNull().default(true),
    expiresAt: timestamptz('expires_at'),
    lastUsedAt: timestamptz('last_used_at'),
    totalRequests: counter('total_requests'),
    totalErrors: counter('total_errors'),
    lastSuccessAt: timestamptz('last_success_at'),
    lastErrorAt: timestamptz('last_error_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lastFailedAttemptAt: timestamptz('last_failed_attempt_at'),
    isLocked: boolean('is_locked').notNull().default(false),
    lockedUntil: timestamptz('locked_until'),
    metadata: jsonObject('metadata'),
    legacySource: text('legacy_source'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'api_token_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    // CASCADE, not SET NULL: a tenant token must never widen to a global one.
    foreignKey({ name: 'api_token_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    unique('api_token_key_hash_key').on(t.keyHash),
    check('api_token_legacy_source_check', sql`${t.legacySource} IN ('api_keys', 'enhanced_api_keys')`),
    index('api_token_key_prefix_idx').on(t.keyPrefix),
    index('api_token_user_id_idx').on(t.userId),
    index('api_token_tenant_id_idx').on(t.tenantId),
    index('api_token_expires_at_idx').on(t.expiresAt),
    index('api_token_last_used_at_idx').on(descending(t.lastUsedAt)),
    index('api_token_locked_idx').on(t.lockedUntil).where(sql`${t.isLocked}`),
    index('api_token_scopes_idx').using('gin', t.scopes),
  ],
);

/** Hourly roll-up per token and server. `tenant_id`/`server_id` are history: no FK. */
export const apiUsage = pgTable(
  'api_usage',
  {
    id: uuidPk(),
    apiTokenId: uuid('api_token_id').notNull(),
    tenantId: text('tenant_id'),
    serverId: text('server_id'),
    periodStart: timestamptz('period_start').notNull(),
    requestCount: counter('request_count'),
    errorCount: counter('error_count'),
    totalDurationMs: doublePrecision('total_duration_ms').notNull().default(0),
    bytesIn: counter('bytes_in'),
    bytesOut: counter('bytes_out'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'api_usage_api_token_id_fkey', columns: [t.apiTokenId], foreignColumns: [apiToken.id] }).onDelete(
      'cascade',
    ),
    // NULLS NOT DISTINCT: one roll-up row per hour for calls not bound to a server too.
    unique('api_usage_api_token_id_server_id_period_start_key')
      .on(t.apiTokenId, t.serverId, t.periodStart)
      .nullsNotDistinct(),
    index('api_usage_tenant_id_period_start_idx').on(t.tenantId, descending(t.periodStart)),
    index('api_usage_period_start_idx').on(t.periodStart),
  ],
);

export const rateLimitConfig = pgTable(
  'rate_limit_config',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    scope: rateLimitScope('scope').notNull(),
    tenantId: text('tenant_id'),
    userId: text('user_id'),
    apiTokenId: uuid('api_token_id'),
    serverId: text('server_id'),
    ipNetwork: text('ip_network'),
    windowSeconds: integer('window_seconds').notNull(),
    maxRequests: integer('max_requests').notNull(),
    burst: integer('burst'),
    action: rateLimitAction('action').notNull().default('block'),
    priority: integer('priority').notNull().default(100),
    isActive: boolean('is_active').notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'rate_limit_config_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ name: 'rate_limit_config_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'rate_limit_config_api_token_id_fkey',
      columns: [t.apiTokenId],
      foreignColumns: [apiToken.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'rate_limit_config_server_id_fkey',
      columns: [t.serverId],
      foreignColumns: [mcpServer.id],
    }).onDelete('cascade'),
    unique('rate_limit_config_name_key').on(t.name),
    check(
      'rate_limit_config_target_check',
      sql`num_nonnulls(${t.tenantId}, ${t.userId}, ${t.apiTokenId}, ${t.serverId}, ${t.ipNetwork}) <= 1`,
    ),
    check('rate_limit_config_window_check', sql`${t.windowSeconds} > 0 AND ${t.maxRequests} >= 0`),
    index('rate_limit_config_scope_is_active_idx').on(t.scope, t.isActive, t.priority),
  ],
);

/** History: token, user, tenant and server ids are plain columns that outlive their rows. */
export const rateLimitViolation = pgTable(
  'rate_limit_violation',
  {
    id: uuidPk(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    rateLimitConfigId: uuid('rate_limit_config_id'),
    apiTokenId: uuid('api_token_id'),
    userId: text('user_id'),
    tenantId: text('tenant_id'),
    serverId: text('server_id'),
    ipAddress: text('ip_address'),
    httpMethod: text('http_method'),
    httpPath: text('http_path'),
    limitValue: integer('limit_value').notNull(),
    observedValue: integer('observed_value').notNull(),
    windowSeconds: integer('window_seconds').notNull(),
    action: rateLimitAction('action').notNull(),
    metadata: jsonObject('metadata'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      name: 'rate_limit_violation_rate_limit_config_id_fkey',
      columns: [t.rateLimitConfigId],
      foreignColumns: [rateLimitConfig.id],
    }).onDelete('set null'),
    index('rate_limit_violation_occurred_at_idx').on(descending(t.occurredAt), descending(t.id)),
    index('rate_limit_violation_tenant_id_occurred_at_idx').on(t.tenantId, descending(t.occurredAt)),
    index('rate_limit_violation_api_token_id_occurred_at_idx').on(t.apiTokenId, descending(t.occurredAt)),
    index('rate_limit_violation_rate_limit_config_id_idx').on(t.rateLimitConfigId),
  ],
);
