// PostgreSQL enum types of the consolidated schema (spec section 2). Values are
// lower case; adding one is an ALTER TYPE … ADD VALUE that drizzle-kit generates.
import { pgEnum } from 'drizzle-orm/pg-core';

export const tenantStatus = pgEnum('tenant_status', ['active', 'suspended', 'disabled']);
export const tenantPlan = pgEnum('tenant_plan', ['free', 'team', 'business', 'enterprise']);
export const tenantRole = pgEnum('tenant_role', ['owner', 'admin', 'member', 'viewer']);
export const invitationStatus = pgEnum('invitation_status', ['pending', 'accepted', 'expired', 'revoked']);

export const transportType = pgEnum('transport_type', ['http', 'websocket', 'stdio', 'sse']);
export const serverHealth = pgEnum('server_health', ['healthy', 'unhealthy', 'degraded', 'unknown', 'maintenance']);
export const serverAuthType = pgEnum('server_auth_type', ['none', 'api_key', 'bearer', 'basic', 'oauth2']);
export const serverDependencyType = pgEnum('server_dependency_type', ['required', 'optional']);
export const circuitBreakerState = pgEnum('circuit_breaker_state', ['closed', 'open', 'half_open']);
export const loadBalancingAlgorithm = pgEnum('load_balancing_algorithm', [
  'round_robin',
  'weighted',
  'least_connections',
  'random',
  'consistent_hash',
]);

export const apiKeyScope = pgEnum('api_key_scope', ['read', 'write', 'admin', 'proxy', 'metrics', 'health']);
export const rateLimitScope = pgEnum('rate_limit_scope', ['global', 'tenant', 'user', 'api_token', 'server', 'ip']);
export const rateLimitAction = pgEnum('rate_limit_action', ['block', 'throttle', 'log']);

export const auditActorType = pgEnum('audit_actor_type', ['user', 'api_token', 'system', 'anonymous']);
export const auditRisk = pgEnum('audit_risk', ['low', 'medium', 'high', 'critical']);
export const eventSeverity = pgEnum('event_severity', ['info', 'low', 'medium', 'high', 'critical']);
export const securityEventStatus = pgEnum('security_event_status', ['open', 'investigating', 'resolved', 'dismissed']);
export const errorLevel = pgEnum('error_level', ['warning', 'error', 'fatal']);
export const errorStatus = pgEnum('error_status', ['open', 'acknowledged', 'resolved', 'ignored']);

export const maintenanceStatus = pgEnum('maintenance_status', ['scheduled', 'in_progress', 'completed', 'cancelled']);
export const announcementLevel = pgEnum('announcement_level', ['info', 'warning', 'critical']);
export const refreshStrategy = pgEnum('refresh_strategy', ['manual', 'scheduled', 'triggered']);
export const comparisonOperator = pgEnum('comparison_operator', ['>', '<', '>=', '<=', '==']);
