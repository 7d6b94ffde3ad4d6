// MCP servers, what they offer, and the gateway's per-server state, spec 3.3.
import { sql } from 'drizzle-orm';
import {
  bigint,
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
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { apiToken } from './api';
import { user } from './auth';
import {
  counter,
  createdAt,
  descending,
  jsonList,
  jsonObject,
  legacyTextPk,
  textArray,
  timestamps,
  timestamptz,
  uuidPk,
} from './columns';
import {
  circuitBreakerState,
  loadBalancingAlgorithm,
  serverAuthType,
  serverDependencyType,
  serverHealth,
  transportType,
} from './enums';
import { tenant } from './tenancy';

export const mcpServer = pgTable(
  'mcp_server',
  {
    id: legacyTextPk(),
    name: text('name').notNull(),
    displayName: text('display_name'),
    description: text('description'),
    version: text('version').notNull(),
    endpointUrl: text('endpoint_url').notNull(),
    transport: transportType('transport').notNull(),
    healthStatus: serverHealth('health_status').notNull().default('unknown'),
    capabilities: jsonObject('capabilities'),
    tags: textArray('tags'),
    authType: serverAuthType('auth_type').notNull().default('none'),
    authConfig: jsonObject('auth_config'),
    tenantId: text('tenant_id'),
    ownerId: text('owner_id'),
    isPublic: boolean('is_public').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    lastHealthCheckAt: timestamptz('last_health_check_at'),
    healthMetadata: jsonObject('health_metadata'),
    avgResponseTimeMs: doublePrecision('avg_response_time_ms'),
    successRate: doublePrecision('success_rate'),
    activeConnections: integer('active_connections'),
    requestCount: counter('request_count'),
    errorCount: counter('error_count'),
    serverMetadata: jsonObject('server_metadata'),
    ...timestamps(),
  },
  (t) => [
    // RESTRICT: turning a tenant's private servers into global ones would expose them.
    foreignKey({ name: 'mcp_server_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'restrict',
    ),
    foreignKey({ name: 'mcp_server_owner_id_fkey', columns: [t.ownerId], foreignColumns: [user.id] }).onDelete(
      'set null',
    ),
    // NULLS NOT DISTINCT: one global (tenant_id NULL) server per name too.
    unique('mcp_server_tenant_id_name_key').on(t.tenantId, t.name).nullsNotDistinct(),
    index('mcp_server_health_status_idx').on(t.healthStatus),
    index('mcp_server_transport_idx').on(t.transport),
    index('mcp_server_owner_id_idx').on(t.ownerId),
    index('mcp_server_endpoint_url_idx').on(t.endpointUrl),
    index('mcp_server_tags_idx').using('gin', t.tags),
    index('mcp_server_updated_at_idx').on(descending(t.updatedAt), descending(t.id)),
  ],
);

/** FK `<table>_server_id_fkey` to `mcp_server.id`, cascading: a server owns these rows. */
const serverIdFkey = (table: string, column: PgColumn) =>
  foreignKey({ name: `${table}_server_id_fkey`, columns: [column], foreignColumns: [mcpServer.id] }).onDelete(
    'cascade',
  );

export const mcpTool = pgTable(
  'mcp_tool',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    inputSchema: jsonObject('input_schema'),
    tags: textArray('tags'),
    isActive: boolean('is_active').notNull().default(true),
    totalCalls: counter('total_calls'),
    successCount: counter('success_count'),
    errorCount: counter('error_count'),
    avgExecutionTimeMs: doublePrecision('avg_execution_time_ms'),
    lastUsedAt: timestamptz('last_used_at'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('mcp_tool', t.serverId),
    unique('mcp_tool_server_id_name_key').on(t.serverId, t.name),
    index('mcp_tool_name_idx').on(t.name),
    index('mcp_tool_tags_idx').using('gin', t.tags),
  ],
);

export const mcpResource = pgTable(
  'mcp_resource',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    uri: text('uri').notNull(),
    isTemplate: boolean('is_template').notNull().default(false),
    name: text('name'),
    description: text('description'),
    mimeType: text('mime_type'),
    isActive: boolean('is_active').notNull().default(true),
    accessCount: counter('access_count'),
    avgSizeBytes: bigint('avg_size_bytes', { mode: 'number' }),
    lastAccessedAt: timestamptz('last_accessed_at'),
    ...timestamps(),
  },
  (t) => [serverIdFkey('mcp_resource', t.serverId), unique('mcp_resource_server_id_uri_key').on(t.serverId, t.uri)],
);

export const mcpPrompt = pgTable(
  'mcp_prompt',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    description: text('description'),
    arguments: jsonList('arguments'),
    tags: textArray('tags'),
    isActive: boolean('is_active').notNull().default(true),
    useCount: counter('use_count'),
    lastUsedAt: timestamptz('last_used_at'),
    ...timestamps(),
  },
  (t) => [serverIdFkey('mcp_prompt', t.serverId), unique('mcp_prompt_server_id_name_key').on(t.serverId, t.name)],
);

export const mcpServerDependency = pgTable(
  'mcp_server_dependency',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    dependsOnServerId: text('depends_on_server_id').notNull(),
    dependencyType: serverDependencyType('dependency_type').notNull().default('required'),
    description: text('description'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('mcp_server_dependency', t.serverId),
    foreignKey({
      name: 'mcp_server_dependency_depends_on_server_id_fkey',
      columns: [t.dependsOnServerId],
      foreignColumns: [mcpServer.id],
    }).onDelete('cascade'),
    unique('mcp_server_dependency_server_id_depends_on_server_id_key').on(t.serverId, t.dependsOnServerId),
    check('mcp_server_dependency_not_self_check', sql`${t.serverId} <> ${t.dependsOnServerId}`),
    index('mcp_server_dependency_depends_on_server_id_idx').on(t.dependsOnServerId),
  ],
);

/** Insert-only time series: no updated_at. */
export const mcpServerHealthCheck = pgTable(
  'mcp_server_health_check',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    checkedAt: timestamptz('checked_at').notNull().defaultNow(),
    status: serverHealth('status').notNull(),
    responseTimeMs: doublePrecision('response_time_ms'),
    httpStatus: integer('http_status'),
    errorMessage: text('error_message'),
    details: jsonObject('details'),
    createdAt: createdAt(),
  },
  (t) => [
    serverIdFkey('mcp_server_health_check', t.serverId),
    index('mcp_server_health_check_server_id_checked_at_idx').on(t.serverId, descending(t.checkedAt)),
    index('mcp_server_health_check_checked_at_idx').on(t.checkedAt),
  ],
);

/** Insert-only time series: no updated_at. */
export const serverMetric = pgTable(
  'server_metric',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    measuredAt: timestamptz('measured_at').notNull().defaultNow(),
    responseTimeMs: doublePrecision('response_time_ms'),
    requestsPerSecond: doublePrecision('requests_per_second'),
    errorRate: doublePrecision('error_rate'),
    cpuUsage: doublePrecision('cpu_usage'),
    memoryUsageMb: doublePrecision('memory_usage_mb'),
    activeConnections: integer('active_connections'),
    connectionPoolSize: integer('connection_pool_size'),
    customMetrics: jsonObject('custom_metrics'),
    createdAt: createdAt(),
  },
  (t) => [
    serverIdFkey('server_metric', t.serverId),
    index('server_metric_server_id_measured_at_idx').on(t.serverId, descending(t.measuredAt)),
    index('server_metric_measured_at_idx').on(t.measuredAt),
  ],
);

/** A grant for a user, a tenant or an API token; the admin form requires exactly one. */
export const serverAccessControl = pgTable(
  'server_access_control',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    userId: text('user_id'),
    tenantId: text('tenant_id'),
    apiTokenId: uuid('api_token_id'),
    canRead: boolean('can_read').notNull().default(true),
    canWrite: boolean('can_write').notNull().default(false),
    canAdmin: boolean('can_admin').notNull().default(false),
    canProxy: boolean('can_proxy').notNull().default(true),
    allowedMethods: textArray('allowed_methods'),
    deniedMethods: textArray('denied_methods'),
    accessStartAt: timestamptz('access_start_at'),
    accessEndAt: timestamptz('access_end_at'),
    allowedDays: integer('allowed_days').array().notNull().default(sql`'{}'::integer[]`),
    allowedHours: integer('allowed_hours').array().notNull().default(sql`'{}'::integer[]`),
    isActive: boolean('is_active').notNull().default(true),
    lastAccessAt: timestamptz('last_access_at'),
    accessCount: counter('access_count'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('server_access_control', t.serverId),
    foreignKey({ name: 'server_access_control_user_id_fkey', columns: [t.userId], foreignColumns: [user.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      name: 'server_access_control_tenant_id_fkey',
      columns: [t.tenantId],
      foreignColumns: [tenant.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'server_access_control_api_token_id_fkey',
      columns: [t.apiTokenId],
      foreignColumns: [apiToken.id],
    }).onDelete('cascade'),
    index('server_access_control_server_id_is_active_idx').on(t.serverId, t.isActive),
    index('server_access_control_user_id_idx').on(t.userId),
    index('server_access_control_tenant_id_idx').on(t.tenantId),
    index('server_access_control_api_token_id_idx').on(t.apiTokenId),
  ],
);

export const routingRule = pgTable(
  'routing_rule',
  {
    id: uuidPk(),
    name: text('name').notNull(),
    description: text('description'),
    conditions: jsonObject('conditions'),
    // Ordered mcp_server ids; arrays cannot carry FKs, the admin flags dangling ids.
    targetServerIds: textArray('target_server_ids'),
    loadBalancingStrategy: loadBalancingAlgorithm('load_balancing_strategy').notNull().default('round_robin'),
    priority: integer('priority').notNull().default(100),
    isActive: boolean('is_active').notNull().default(true),
    tenantId: text('tenant_id'),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: 'routing_rule_tenant_id_fkey', columns: [t.tenantId], foreignColumns: [tenant.id] }).onDelete(
      'cascade',
    ),
    index('routing_rule_tenant_id_priority_idx').on(t.tenantId, t.priority, t.id),
    index('routing_rule_is_active_priority_idx').on(t.isActive, t.priority),
    index('routing_rule_target_server_ids_idx').using('gin', t.targetServerIds),
  ],
);

export const circuitBreaker = pgTable(
  'circuit_breaker',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    serviceName: text('service_name').notNull(),
    state: circuitBreakerState('state').notNull().default('closed'),
    failureCount: integer('failure_count').notNull().default(0),
    successCount: integer('success_count').notNull().default(0),
    failureThreshold: integer('failure_threshold').notNull().default(5),
    successThreshold: integer('success_threshold').notNull().default(2),
    timeoutMs: integer('timeout_ms').notNull().default(60000),
    lastFailureAt: timestamptz('last_failure_at'),
    lastSuccessAt: timestamptz('last_success_at'),
    lastStateChangeAt: timestamptz('last_state_change_at').notNull().defaultNow(),
    totalRequests: counter('total_requests'),
    totalFailures: counter('total_failures'),
    totalTimeouts: counter('total_timeouts'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('circuit_breaker', t.serverId),
    unique('circuit_breaker_server_id_key').on(t.serverId),
    index('circuit_breaker_state_idx').on(t.state, descending(t.lastStateChangeAt)),
  ],
);

export const connectionPool = pgTable(
  'connection_pool',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    poolName: text('pool_name').notNull(),
    transport: transportType('transport').notNull(),
    maxSize: integer('max_size').notNull().default(10),
    minSize: integer('min_size').notNull().default(2),
    timeoutMs: integer('timeout_ms').notNull().default(30000),
    idleTimeoutMs: integer('idle_timeout_ms').notNull().default(300000),
    activeConnections: integer('active_connections').notNull().default(0),
    idleConnections: integer('idle_connections').notNull().default(0),
    pendingRequests: integer('pending_requests').notNull().default(0),
    isHealthy: boolean('is_healthy').notNull().default(true),
    lastHealthCheckAt: timestamptz('last_health_check_at'),
    totalConnectionsCreated: counter('total_connections_created'),
    totalConnectionsClosed: counter('total_connections_closed'),
    connectionErrors: counter('connection_errors'),
    avgConnectionTimeMs: doublePrecision('avg_connection_time_ms'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('connection_pool', t.serverId),
    index('connection_pool_server_id_pool_name_idx').on(t.serverId, t.poolName),
    index('connection_pool_is_healthy_idx').on(t.isHealthy),
  ],
);

export const requestQueue = pgTable(
  'request_queue',
  {
    id: uuidPk(),
    serverId: text('server_id').notNull(),
    queueName: text('queue_name').notNull(),
    maxSize: integer('max_size').notNull().default(1000),
    processingTimeoutMs: integer('processing_timeout_ms').notNull().default(60000),
    priorityLevels: integer('priority_levels').notNull().default(3),
    currentSize: integer('current_size').notNull().default(0),
    processingCount: integer('processing_count').notNull().default(0),
    isAcceptingRequests: boolean('is_accepting_requests').notNull().default(true),
    lastProcessedAt: timestamptz('last_processed_at'),
    totalEnqueued: counter('total_enqueued'),
    totalProcessed: counter('total_processed'),
    totalTimeouts: counter('total_timeouts'),
    totalErrors: counter('total_errors'),
    avgProcessingTimeMs: doublePrecision('avg_processing_time_ms'),
    avgWaitTimeMs: doublePrecision('avg_wait_time_ms'),
    ...timestamps(),
  },
  (t) => [
    serverIdFkey('request_queue', t.serverId),
    index('request_queue_server_id_queue_name_idx').on(t.serverId, t.queueName),
    index('request_queue_current_size_idx').on(descending(t.currentSize)),
    index('request_queue_is_accepting_requests_idx').on(t.isAcceptingRequests),
  ],
);
