// History: audit trail, request log, security events, error groups, system
// events, spec 3.5. Actor, tenant, server and token ids are plain columns
// without FK (history outlives the rows it names); the only FKs are the
// workflow fields resolved_by / acknowledged_by. audit_log and request_log are
// append-only (custom migration append_only_history).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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
import { createdAt, descending, jsonObject, timestamps, timestamptz, uuidPk } from './columns';
import {
  auditActorType,
  auditRisk,
  errorLevel,
  errorStatus,
  eventSeverity,
  securityEventStatus,
} from './enums';

export const auditLog = pgTable(
  'audit_log',
  {
    id: uuidPk(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    eventType: text('event_type').notNull(),
    action: text('action').notNull(),
    actorType: auditActorType('actor_type').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    // text, not inet: any reported value survives.
    actorIp: text('actor_ip'),
    actorUserAgent: text('actor_user_agent'),
    tenantId: text('tenant_id'),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    resourceName: text('resource_name'),
    description: text('description'),
    changes: jsonObject('changes'),
    metadata: jsonObject('metadata'),
    success: boolean('success').notNull().default(true),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    requestId: text('request_id'),
    sessionId: text('session_id'),
    traceId: text('trace_id'),
    httpMethod: text('http_method'),
    httpPath: text('http_path'),
    httpStatus: integer('http_status'),
    durationMs: doublePrecision('duration_ms'),
    riskLevel: auditRisk('risk_level').notNull().default('low'),
    createdAt: createdAt(),
  },
  (t) => [
    // Keyset pagination, newest first.
    index('audit_log_occurred_at_id_idx').on(descending(t.occurredAt), descending(t.id)),
    index('audit_log_tenant_id_occurred_at_idx').on(t.tenantId, descending(t.occurredAt)),
    index('audit_log_actor_id_occurred_at_idx').on(t.actorId, descending(t.occurredAt)),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId, descending(t.occurredAt)),
    index('audit_log_action_occurred_at_idx').on(t.action, descending(t.occurredAt)),
    index('audit_log_event_type_occurred_at_idx').on(t.eventType, descending(t.occurredAt)),
    index('audit_log_request_id_idx').on(t.requestId),
    // The admin's exact searches and its "failed" filter (not in the v1 spec).
    index('audit_log_actor_email_occurred_at_idx').on(t.actorEmail, descending(t.occurredAt)),
    index('audit_log_resource_id_occurred_at_idx').on(t.resourceId, descending(t.occurredAt)),
    index('audit_log_failed_occurred_at_idx')
      .on(descending(t.occurredAt))
      .where(sql`NOT ${t.success}`),
    index('audit_log_risk_level_occurred_at_idx')
      .on(t.riskLevel, descending(t.occurredAt))
      .where(sql`${t.riskLevel} IN ('high', 'critical')`),
  ],
);

export const requestLog = pgTable(
  'request_log',
  {
    id: uuidPk(),
    requestId: text('request_id').notNull(),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    respondedAt: timestamptz('responded_at'),
    userId: text('user_id'),
    tenantId: text('tenant_id'),
    serverId: text('server_id'),
    ipAddress: text('ip_address'),
    httpMethod: text('http_method').notNull(),
    httpPath: text('http_path').notNull(),
    queryParams: jsonObject('query_params'),
    // Writers drop Authorization, Cookie and X-API-Key: credentials are never stored.
    headers: jsonObject('headers'),
    statusCode: integer('status_code'),
    durationMs: doublePrecision('duration_ms'),
    responseSizeBytes: bigint('response_size_bytes', { mode: 'number' }),
    errorType: text('error_type'),
    errorMessage: text('error_message'),
    metadata: jsonObject('metadata'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('request_log_request_id_key').on(t.requestId),
    index('request_log_requested_at_id_idx').on(descending(t.requestedAt), descending(t.id)),
    index('request_log_tenant_id_requested_at_idx').on(t.tenantId, descending(t.requestedAt)),
    index('request_log_user_id_requested_at_idx').on(t.userId, descending(t.requestedAt)),
    index('request_log_server_id_requested_at_idx').on(t.serverId, descending(t.requestedAt)),
    index('request_log_status_code_requested_at_idx').on(t.statusCode, descending(t.requestedAt)),
    index('request_log_ip_address_requested_at_idx').on(t.ipAddress, descending(t.requestedAt)),
  ],
);

export const securityEvent = pgTable(
  'security_event',
  {
    id: uuidPk(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    eventType: text('event_type').notNull(),
    severity: eventSeverity('severity').notNull().default('medium'),
    status: securityEventStatus('status').notNull().default('open'),
    userId: text('user_id'),
    tenantId: text('tenant_id'),
    apiTokenId: uuid('api_token_id'),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    description: text('description'),
    details: jsonObject('details'),
    resolvedAt: timestamptz('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'security_event_resolved_by_fkey', columns: [t.resolvedBy], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    index('security_event_occurred_at_idx').on(descending(t.occurredAt), descending(t.id)),
    index('security_event_status_severity_idx').on(t.status, t.severity, descending(t.occurredAt)),
    index('security_event_user_id_occurred_at_idx').on(t.userId, descending(t.occurredAt)),
    index('security_event_ip_address_occurred_at_idx').on(t.ipAddress, descending(t.occurredAt)),
  ],
);

/** One row per error group (service, environment, fingerprint). */
export const errorLog = pgTable(
  'error_log',
  {
    id: uuidPk(),
    service: text('service').notNull(),
    environment: text('environment').notNull(),
    fingerprint: text('fingerprint').notNull(),
    level: errorLevel('level').notNull().default('error'),
    status: errorStatus('status').notNull().default('open'),
    errorType: text('error_type').notNull(),
    message: text('message').notNull(),
    stackTrace: text('stack_trace'),
    firstSeenAt: timestamptz('first_seen_at').notNull().defaultNow(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    occurrenceCount: bigint('occurrence_count', { mode: 'number' }).notNull().default(1),
    lastRequestId: text('last_request_id'),
    lastTraceId: text('last_trace_id'),
    lastUserId: text('last_user_id'),
    tenantId: text('tenant_id'),
    httpMethod: text('http_method'),
    httpPath: text('http_path'),
    context: jsonObject('context'),
    resolvedAt: timestamptz('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'error_log_resolved_by_fkey', columns: [t.resolvedBy], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    unique('error_log_service_environment_fingerprint_key').on(t.service, t.environment, t.fingerprint),
    index('error_log_status_last_seen_at_idx').on(t.status, descending(t.lastSeenAt)),
    index('error_log_level_last_seen_at_idx').on(t.level, descending(t.lastSeenAt)),
  ],
);

export const systemEvent = pgTable(
  'system_event',
  {
    id: uuidPk(),
    occurredAt: timestamptz('occurred_at').notNull().defaultNow(),
    eventType: text('event_type').notNull(),
    source: text('source').notNull(),
    severity: eventSeverity('severity').notNull().default('info'),
    title: text('title').notNull(),
    description: text('description'),
    tenantId: text('tenant_id'),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    data: jsonObject('data'),
    acknowledgedAt: timestamptz('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({
      name: 'system_event_acknowledged_by_fkey',
      columns: [t.acknowledgedBy],
      foreignColumns: [user.id],
    }).onDelete('set null'),
    index('system_event_occurred_at_idx').on(descending(t.occurredAt), descending(t.id)),
    index('system_event_event_type_occurred_at_idx').on(t.eventType, descending(t.occurredAt)),
    index('system_event_unacknowledged_idx')
      .on(t.severity, descending(t.occurredAt))
      .where(sql`${t.acknowledgedAt} IS NULL`),
  ],
);
