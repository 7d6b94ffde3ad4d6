// Platform operations: settings, flags, maintenance, announcements, retention,
// alerts and the materialized-view catalogue, spec 3.6.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { counter, descending, jsonObject, textArray, timestamps, timestamptz, uuidPk } from './columns';
import { announcementLevel, comparisonOperator, maintenanceStatus, refreshStrategy } from './enums';
import { mcpServer } from './registry';
import { tenant } from './tenancy';

export const systemConfig = pgTable(
  'system_config',
  {
    id: uuidPk(),
    key: text('key').notNull(),
    // No default: a config row must carry its value, which may be any JSON value.
    value: jsonb('value').notNull(),
    description: text('description'),
    category: text('category').notNull(),
    isSensitive: boolean('is_sensitive').notNull().default(false),
    isRuntimeConfigurable: boolean('is_runtime_configurable').notNull().default(true),
    version: integer('version').notNull().default(1),
    tenantId: text('tenant_id'),
    updatedBy: text('updated_by'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'system_config_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ name: 'system_config_updated_by_fkey', columns: [t.updatedBy], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    // NULLS NOT DISTINCT: one global (tenant_id NULL) row per key too.
    unique('system_config_tenant_id_key_key').on(t.tenantId, t.key).nullsNotDistinct(),
    index('system_config_category_key_idx').on(t.category, t.key),
  ],
);

export const featureFlag = pgTable(
  'feature_flag',
  {
    id: uuidPk(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    isEnabled: boolean('is_enabled').notNull().default(false),
    rolloutPercentage: integer('rollout_percentage').notNull().default(0),
    targeting: jsonObject('targeting'),
    tags: textArray('tags'),
    ownerId: text('owner_id'),
    expiresAt: timestamptz('expires_at'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'feature_flag_owner_id_fkey', columns: [t.ownerId], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    unique('feature_flag_key_key').on(t.key),
    check('feature_flag_key_check', sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`),
    check('feature_flag_rollout_percentage_check', sql`${t.rolloutPercentage} BETWEEN 0 AND 100`),
    index('feature_flag_is_enabled_idx').on(t.isEnabled),
  ],
);

export const maintenanceWindow = pgTable(
  'maintenance_window',
  {
    id: uuidPk(),
    title: text('title').notNull(),
    description: text('description'),
    status: maintenanceStatus('status').notNull().default('scheduled'),
    scheduledStart: timestamptz('scheduled_start').notNull(),
    scheduledEnd: timestamptz('scheduled_end').notNull(),
    actualStart: timestamptz('actual_start'),
    actualEnd: timestamptz('actual_end'),
    affectedServerIds: textArray('affected_server_ids'),
    affectedTenantIds: textArray('affected_tenant_ids'),
    notifyUsers: boolean('notify_users').notNull().default(true),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: 'maintenance_window_created_by_fkey',
      columns: [t.createdBy],
      foreignColumns: [user.id],
    }).onDelete('set null'),
    check('maintenance_window_period_check', sql`${t.scheduledEnd} > ${t.scheduledStart}`),
    index('maintenance_window_status_scheduled_start_idx').on(t.status, t.scheduledStart),
    index('maintenance_window_affected_server_ids_idx').using('gin', t.affectedServerIds),
  ],
);

export const systemAnnouncement = pgTable(
  'system_announcement',
  {
    id: uuidPk(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    level: announcementLevel('level').notNull().default('info'),
    targetRoles: textArray('target_roles'),
    targetTenantIds: textArray('target_tenant_ids'),
    startsAt: timestamptz('starts_at').notNull().defaultNow(),
    endsAt: timestamptz('ends_at'),
    isActive: boolean('is_active').notNull().default(true),
    isDismissible: boolean('is_dismissible').notNull().default(true),
    createdBy: text('created_by'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: 'system_announcement_created_by_fkey',
      columns: [t.createdBy],
      foreignColumns: [user.id],
    }).onDelete('set null'),
    check('system_announcement_period_check', sql`${t.endsAt} IS NULL OR ${t.endsAt} > ${t.startsAt}`),
    index('system_announcement_is_active_starts_at_idx').on(t.isActive, descending(t.startsAt)),
  ],
);

export const dataRetentionPolicy = pgTable(
  'data_retention_policy',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    tableName: text('table_name').notNull(),
    dateColumn: text('date_column').notNull(),
    retentionDays: integer('retention_days').notNull(),
    batchSize: integer('batch_size').notNull().default(1000),
    conditions: jsonObject('conditions'),
    // The original legacy {table_name, date_column, conditions} when the import translated them.
    legacyTarget: jsonb('legacy_target'),
    isActive: boolean('is_active').notNull().default(true),
    lastRunAt: timestamptz('last_run_at'),
    nextRunAt: timestamptz('next_run_at'),
    totalDeleted: counter('total_deleted'),
    lastDeletedCount: integer('last_deleted_count').notNull().default(0),
    avgExecutionTimeMs: doublePrecision('avg_execution_time_ms'),
    ...timestamps(),
  },
  (t) => [
    unique('data_retention_policy_name_key').on(t.name),
    check('data_retention_policy_retention_days_check', sql`${t.retentionDays} > 0`),
    check('data_retention_policy_batch_size_check', sql`${t.batchSize} > 0`),
    index('data_retention_policy_table_name_idx').on(t.tableName),
    index('data_retention_policy_is_active_next_run_at_idx').on(t.isActive, t.nextRunAt),
  ],
);

export const performanceAlert = pgTable(
  'performance_alert',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    serverId: text('server_id'),
    metricName: text('metric_name').notNull(),
    thresholdValue: doublePrecision('threshold_value').notNull(),
    comparisonOperator: comparisonOperator('comparison_operator').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(5),
    isActive: boolean('is_active').notNull().default(true),
    isTriggered: boolean('is_triggered').notNull().default(false),
    firstTriggeredAt: timestamptz('first_triggered_at'),
    lastTriggeredAt: timestamptz('last_triggered_at'),
    triggerCount: counter('trigger_count'),
    notificationChannels: textArray('notification_channels'),
    cooldownMinutes: integer('cooldown_minutes').notNull().default(60),
    lastNotificationAt: timestamptz('last_notification_at'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: 'performance_alert_server_id_fkey',
      columns: [t.serverId],
      foreignColumns: [mcpServer.id],
    }).onDelete('cascade'),
    index('performance_alert_server_id_idx').on(t.serverId),
    index('performance_alert_metric_name_idx').on(t.metricName),
    index('performance_alert_triggered_idx').on(descending(t.lastTriggeredAt)).where(sql`${t.isTriggered}`),
    index('performance_alert_is_active_idx').on(t.isActive),
  ],
);

/** A catalogue of materialized views the backend maintains; a row does not create the view. */
export const materializedView = pgTable(
  'materialized_view',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    query: text('query').notNull(),
    indexes: textArray('indexes'),
    refreshStrategy: refreshStrategy('refresh_strategy').notNull().default('manual'),
    refreshIntervalMinutes: integer('refresh_interval_minutes'),
    refreshTriggers: textArray('refresh_triggers'),
    isActive: boolean('is_active').notNull().default(true),
    lastRefreshedAt: timestamptz('last_refreshed_at'),
    nextRefreshAt: timestamptz('next_refresh_at'),
    refreshCount: counter('refresh_count'),
    avgRefreshTimeMs: doublePrecision('avg_refresh_time_ms'),
    rowCount: bigint('row_count', { mode: 'number' }),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    ...timestamps(),
  },
  (t) => [
    unique('materialized_view_name_key').on(t.name),
    index('materialized_view_is_active_next_refresh_at_idx').on(t.isActive, t.nextRefreshAt),
  ],
);
