// Tenants and who belongs to them, spec 3.2.
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, pgTable, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { user } from './auth';
import { descending, jsonObject, legacyTextPk, timestamps, timestamptz, uuidPk } from './columns';
import { invitationStatus, tenantPlan, tenantRole, tenantStatus } from './enums';

export const tenant = pgTable(
  'tenant',
  {
    id: legacyTextPk(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    status: tenantStatus('status').notNull().default('active'),
    plan: tenantPlan('plan'),
    settings: jsonObject('settings'),
    limits: jsonObject('limits'),
    features: jsonObject('features'),
    billingEmail: text('billing_email'),
    suspendedAt: timestamptz('suspended_at'),
    suspendedReason: text('suspended_reason'),
    ...timestamps(),
  },
  (t) => [
    unique('tenant_slug_key').on(t.slug),
    check('tenant_slug_check', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${t.slug}) <= 63`),
    index('tenant_name_idx').on(t.name),
    index('tenant_status_idx').on(t.status),
  ],
);

export const tenantMember = pgTable(
  'tenant_member',
  {
    id: uuidPk(),
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    role: tenantRole('role').notNull().default('member'),
    invitedBy: text('invited_by'),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'tenant_member_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ name: 'tenant_member_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ name: 'tenant_member_invited_by_fkey', columns: [t.invitedBy], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    unique('tenant_member_tenant_id_user_id_key').on(t.tenantId, t.userId),
    index('tenant_member_user_id_idx').on(t.userId),
    index('tenant_member_tenant_id_role_idx').on(t.tenantId, t.role),
  ],
);

export const tenantInvitation = pgTable(
  'tenant_invitation',
  {
    id: uuidPk(),
    tenantId: text('tenant_id').notNull(),
    email: text('email').notNull(),
    role: tenantRole('role').notNull().default('member'),
    tokenHash: text('token_hash').notNull(),
    status: invitationStatus('status').notNull().default('pending'),
    invitedBy: text('invited_by'),
    acceptedBy: text('accepted_by'),
    message: text('message'),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    revokedAt: timestamptz('revoked_at'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: 'tenant_invitation_tenant_id_fkey',
      columns: [t.tenantId],
      foreignColumns: [tenant.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'tenant_invitation_invited_by_fkey',
      columns: [t.invitedBy],
      foreignColumns: [user.id],
    }).onDelete('set null'),
    foreignKey({
      name: 'tenant_invitation_accepted_by_fkey',
      columns: [t.acceptedBy],
      foreignColumns: [user.id],
    }).onDelete('set null'),
    unique('tenant_invitation_token_hash_key').on(t.tokenHash),
    check('tenant_invitation_email_check', sql`${t.email} = lower(${t.email})`),
    // One pending invitation per address and tenant; accepted/expired ones stay as history.
    uniqueIndex('tenant_invitation_tenant_id_email_pending_key')
      .on(t.tenantId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index('tenant_invitation_tenant_id_status_idx').on(t.tenantId, t.status, descending(t.createdAt)),
    index('tenant_invitation_expires_at_idx').on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  ],
);

export const tenantUsage = pgTable(
  'tenant_usage',
  {
    id: uuidPk(),
    tenantId: text('tenant_id').notNull(),
    // A UTC day: the schema's only `date` column.
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'tenant_usage_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    unique('tenant_usage_tenant_id_metric_period_start_key').on(t.tenantId, t.metric, t.periodStart),
    check('tenant_usage_metric_check', sql`${t.metric} ~ '^[a-z][a-z0-9_.]*$'`),
    index('tenant_usage_metric_period_start_idx').on(t.metric, descending(t.periodStart)),
  ],
);
