CREATE TYPE "public"."announcement_level" AS ENUM('info', 'warning', 'critical');--> statement-breakpoint
CREATE TYPE "public"."api_key_scope" AS ENUM('read', 'write', 'admin', 'proxy', 'metrics', 'health');--> statement-breakpoint
CREATE TYPE "public"."audit_actor_type" AS ENUM('user', 'api_token', 'system', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."audit_risk" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."circuit_breaker_state" AS ENUM('closed', 'open', 'half_open');--> statement-breakpoint
CREATE TYPE "public"."comparison_operator" AS ENUM('>', '<', '>=', '<=', '==');--> statement-breakpoint
CREATE TYPE "public"."error_level" AS ENUM('warning', 'error', 'fatal');--> statement-breakpoint
CREATE TYPE "public"."error_status" AS ENUM('open', 'acknowledged', 'resolved', 'ignored');--> statement-breakpoint
CREATE TYPE "public"."event_severity" AS ENUM('info', 'low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'expired', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."load_balancing_algorithm" AS ENUM('round_robin', 'weighted', 'least_connections', 'random', 'consistent_hash');--> statement-breakpoint
CREATE TYPE "public"."maintenance_status" AS ENUM('scheduled', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."rate_limit_action" AS ENUM('block', 'throttle', 'log');--> statement-breakpoint
CREATE TYPE "public"."rate_limit_scope" AS ENUM('global', 'tenant', 'user', 'api_token', 'server', 'ip');--> statement-breakpoint
CREATE TYPE "public"."refresh_strategy" AS ENUM('manual', 'scheduled', 'triggered');--> statement-breakpoint
CREATE TYPE "public"."security_event_status" AS ENUM('open', 'investigating', 'resolved', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."server_auth_type" AS ENUM('none', 'api_key', 'bearer', 'basic', 'oauth2');--> statement-breakpoint
CREATE TYPE "public"."server_dependency_type" AS ENUM('required', 'optional');--> statement-breakpoint
CREATE TYPE "public"."server_health" AS ENUM('healthy', 'unhealthy', 'degraded', 'unknown', 'maintenance');--> statement-breakpoint
CREATE TYPE "public"."tenant_plan" AS ENUM('free', 'team', 'business', 'enterprise');--> statement-breakpoint
CREATE TYPE "public"."tenant_role" AS ENUM('owner', 'admin', 'member', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."tenant_status" AS ENUM('active', 'suspended', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."transport_type" AS ENUM('http', 'websocket', 'stdio', 'sse');--> statement-breakpoint
CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp (6) with time zone,
	"refresh_token_expires_at" timestamp (6) with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_provider_id_account_id_key" UNIQUE("provider_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "apikey" (
	"id" text PRIMARY KEY NOT NULL,
	"config_id" text DEFAULT 'default' NOT NULL,
	"name" text,
	"start" text,
	"reference_id" text NOT NULL,
	"prefix" text,
	"key" text NOT NULL,
	"refill_interval" integer,
	"refill_amount" integer,
	"last_refill_at" timestamp (6) with time zone,
	"enabled" boolean DEFAULT true,
	"rate_limit_enabled" boolean DEFAULT true,
	"rate_limit_time_window" integer,
	"rate_limit_max" integer,
	"request_count" integer DEFAULT 0,
	"remaining" integer,
	"last_request" timestamp (6) with time zone,
	"expires_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"permissions" text,
	"metadata" text,
	CONSTRAINT "apikey_key_key" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp (6) with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"impersonated_by" text,
	CONSTRAINT "session_token_key" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "two_factor" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"backup_codes" text NOT NULL,
	"user_id" text NOT NULL,
	"verified" boolean DEFAULT true NOT NULL,
	"failed_verification_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"role" text DEFAULT 'user' NOT NULL,
	"banned" boolean DEFAULT false NOT NULL,
	"ban_reason" text,
	"ban_expires" timestamp (6) with time zone,
	"two_factor_enabled" boolean DEFAULT false NOT NULL,
	"username" text,
	"tenant_id" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_login_at" timestamp (6) with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "user_email_key" UNIQUE("email"),
	CONSTRAINT "user_username_key" UNIQUE("username"),
	CONSTRAINT "user_role_check" CHECK ("user"."role" ~ '^(admin|support|staff|server_owner|user|readonly|service)(,(admin|support|staff|server_owner|user|readonly|service))*$'),
	CONSTRAINT "user_email_check" CHECK ("user"."email" = lower("user"."email"))
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp (6) with time zone NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"status" "tenant_status" DEFAULT 'active' NOT NULL,
	"plan" "tenant_plan",
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"limits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"billing_email" text,
	"suspended_at" timestamp (6) with time zone,
	"suspended_reason" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_slug_key" UNIQUE("slug"),
	CONSTRAINT "tenant_slug_check" CHECK ("tenant"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("tenant"."slug") <= 63)
);
--> statement-breakpoint
CREATE TABLE "tenant_invitation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"email" text NOT NULL,
	"role" "tenant_role" DEFAULT 'member' NOT NULL,
	"token_hash" text NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" text,
	"accepted_by" text,
	"message" text,
	"expires_at" timestamp (6) with time zone NOT NULL,
	"accepted_at" timestamp (6) with time zone,
	"revoked_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_invitation_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "tenant_invitation_email_check" CHECK ("tenant_invitation"."email" = lower("tenant_invitation"."email"))
);
--> statement-breakpoint
CREATE TABLE "tenant_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "tenant_role" DEFAULT 'member' NOT NULL,
	"invited_by" text,
	"joined_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_member_tenant_id_user_id_key" UNIQUE("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "tenant_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"period_start" date NOT NULL,
	"metric" text NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_usage_tenant_id_metric_period_start_key" UNIQUE("tenant_id","metric","period_start"),
	CONSTRAINT "tenant_usage_metric_check" CHECK ("tenant_usage"."metric" ~ '^[a-z][a-z0-9_.]*$')
);
--> statement-breakpoint
CREATE TABLE "circuit_breaker" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"service_name" text NOT NULL,
	"state" "circuit_breaker_state" DEFAULT 'closed' NOT NULL,
	"failure_count" integer DEFAULT 0 NOT NULL,
	"success_count" integer DEFAULT 0 NOT NULL,
	"failure_threshold" integer DEFAULT 5 NOT NULL,
	"success_threshold" integer DEFAULT 2 NOT NULL,
	"timeout_ms" integer DEFAULT 60000 NOT NULL,
	"last_failure_at" timestamp (6) with time zone,
	"last_success_at" timestamp (6) with time zone,
	"last_state_change_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"total_requests" bigint DEFAULT 0 NOT NULL,
	"total_failures" bigint DEFAULT 0 NOT NULL,
	"total_timeouts" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "circuit_breaker_server_id_key" UNIQUE("server_id")
);
--> statement-breakpoint
CREATE TABLE "connection_pool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"pool_name" text NOT NULL,
	"transport" "transport_type" NOT NULL,
	"max_size" integer DEFAULT 10 NOT NULL,
	"min_size" integer DEFAULT 2 NOT NULL,
	"timeout_ms" integer DEFAULT 30000 NOT NULL,
	"idle_timeout_ms" integer DEFAULT 300000 NOT NULL,
	"active_connections" integer DEFAULT 0 NOT NULL,
	"idle_connections" integer DEFAULT 0 NOT NULL,
	"pending_requests" integer DEFAULT 0 NOT NULL,
	"is_healthy" boolean DEFAULT true NOT NULL,
	"last_health_check_at" timestamp (6) with time zone,
	"total_connections_created" bigint DEFAULT 0 NOT NULL,
	"total_connections_closed" bigint DEFAULT 0 NOT NULL,
	"connection_errors" bigint DEFAULT 0 NOT NULL,
	"avg_connection_time_ms" double precision,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_prompt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"description" text,
	"arguments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"use_count" bigint DEFAULT 0 NOT NULL,
	"last_used_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_prompt_server_id_name_key" UNIQUE("server_id","name")
);
--> statement-breakpoint
CREATE TABLE "mcp_resource" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"uri" text NOT NULL,
	"is_template" boolean DEFAULT false NOT NULL,
	"name" text,
	"description" text,
	"mime_type" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"access_count" bigint DEFAULT 0 NOT NULL,
	"avg_size_bytes" bigint,
	"last_accessed_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_resource_server_id_uri_key" UNIQUE("server_id","uri")
);
--> statement-breakpoint
CREATE TABLE "mcp_server" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"display_name" text,
	"description" text,
	"version" text NOT NULL,
	"endpoint_url" text NOT NULL,
	"transport" "transport_type" NOT NULL,
	"health_status" "server_health" DEFAULT 'unknown' NOT NULL,
	"capabilities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"auth_type" "server_auth_type" DEFAULT 'none' NOT NULL,
	"auth_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tenant_id" text,
	"owner_id" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_health_check_at" timestamp (6) with time zone,
	"health_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"avg_response_time_ms" double precision,
	"success_rate" double precision,
	"active_connections" integer,
	"request_count" bigint DEFAULT 0 NOT NULL,
	"error_count" bigint DEFAULT 0 NOT NULL,
	"server_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_server_tenant_id_name_key" UNIQUE NULLS NOT DISTINCT("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "mcp_server_dependency" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"depends_on_server_id" text NOT NULL,
	"dependency_type" "server_dependency_type" DEFAULT 'required' NOT NULL,
	"description" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_server_dependency_server_id_depends_on_server_id_key" UNIQUE("server_id","depends_on_server_id"),
	CONSTRAINT "mcp_server_dependency_not_self_check" CHECK ("mcp_server_dependency"."server_id" <> "mcp_server_dependency"."depends_on_server_id")
);
--> statement-breakpoint
CREATE TABLE "mcp_server_health_check" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"checked_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"status" "server_health" NOT NULL,
	"response_time_ms" double precision,
	"http_status" integer,
	"error_message" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mcp_tool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"input_schema" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"total_calls" bigint DEFAULT 0 NOT NULL,
	"success_count" bigint DEFAULT 0 NOT NULL,
	"error_count" bigint DEFAULT 0 NOT NULL,
	"avg_execution_time_ms" double precision,
	"last_used_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mcp_tool_server_id_name_key" UNIQUE("server_id","name")
);
--> statement-breakpoint
CREATE TABLE "request_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"queue_name" text NOT NULL,
	"max_size" integer DEFAULT 1000 NOT NULL,
	"processing_timeout_ms" integer DEFAULT 60000 NOT NULL,
	"priority_levels" integer DEFAULT 3 NOT NULL,
	"current_size" integer DEFAULT 0 NOT NULL,
	"processing_count" integer DEFAULT 0 NOT NULL,
	"is_accepting_requests" boolean DEFAULT true NOT NULL,
	"last_processed_at" timestamp (6) with time zone,
	"total_enqueued" bigint DEFAULT 0 NOT NULL,
	"total_processed" bigint DEFAULT 0 NOT NULL,
	"total_timeouts" bigint DEFAULT 0 NOT NULL,
	"total_errors" bigint DEFAULT 0 NOT NULL,
	"avg_processing_time_ms" double precision,
	"avg_wait_time_ms" double precision,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"target_server_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"load_balancing_strategy" "load_balancing_algorithm" DEFAULT 'round_robin' NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"tenant_id" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_access_control" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"user_id" text,
	"tenant_id" text,
	"api_token_id" uuid,
	"can_read" boolean DEFAULT true NOT NULL,
	"can_write" boolean DEFAULT false NOT NULL,
	"can_admin" boolean DEFAULT false NOT NULL,
	"can_proxy" boolean DEFAULT true NOT NULL,
	"allowed_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"denied_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"access_start_at" timestamp (6) with time zone,
	"access_end_at" timestamp (6) with time zone,
	"allowed_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"allowed_hours" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_access_at" timestamp (6) with time zone,
	"access_count" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_metric" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"server_id" text NOT NULL,
	"measured_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"response_time_ms" double precision,
	"requests_per_second" double precision,
	"error_rate" double precision,
	"cpu_usage" double precision,
	"memory_usage_mb" double precision,
	"active_connections" integer,
	"connection_pool_size" integer,
	"custom_metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"salt" text,
	"user_id" text,
	"tenant_id" text,
	"scopes" "api_key_scope"[] DEFAULT '{}'::api_key_scope[] NOT NULL,
	"permissions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"allowed_servers" text[] DEFAULT '{}'::text[] NOT NULL,
	"allowed_methods" text[] DEFAULT '{}'::text[] NOT NULL,
	"ip_whitelist" text[] DEFAULT '{}'::text[] NOT NULL,
	"rate_limit_per_hour" integer,
	"rate_limit_per_day" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"expires_at" timestamp (6) with time zone,
	"last_used_at" timestamp (6) with time zone,
	"total_requests" bigint DEFAULT 0 NOT NULL,
	"total_errors" bigint DEFAULT 0 NOT NULL,
	"last_success_at" timestamp (6) with time zone,
	"last_error_at" timestamp (6) with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"last_failed_attempt_at" timestamp (6) with time zone,
	"is_locked" boolean DEFAULT false NOT NULL,
	"locked_until" timestamp (6) with time zone,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legacy_source" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_token_key_hash_key" UNIQUE("key_hash"),
	CONSTRAINT "api_token_legacy_source_check" CHECK ("api_token"."legacy_source" IN ('api_keys', 'enhanced_api_keys'))
);
--> statement-breakpoint
CREATE TABLE "api_usage" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_token_id" uuid NOT NULL,
	"tenant_id" text,
	"server_id" text,
	"period_start" timestamp (6) with time zone NOT NULL,
	"request_count" bigint DEFAULT 0 NOT NULL,
	"error_count" bigint DEFAULT 0 NOT NULL,
	"total_duration_ms" double precision DEFAULT 0 NOT NULL,
	"bytes_in" bigint DEFAULT 0 NOT NULL,
	"bytes_out" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_usage_api_token_id_server_id_period_start_key" UNIQUE NULLS NOT DISTINCT("api_token_id","server_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"scope" "rate_limit_scope" NOT NULL,
	"tenant_id" text,
	"user_id" text,
	"api_token_id" uuid,
	"server_id" text,
	"ip_network" text,
	"window_seconds" integer NOT NULL,
	"max_requests" integer NOT NULL,
	"burst" integer,
	"action" "rate_limit_action" DEFAULT 'block' NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_limit_config_name_key" UNIQUE("name"),
	CONSTRAINT "rate_limit_config_target_check" CHECK (num_nonnulls("rate_limit_config"."tenant_id", "rate_limit_config"."user_id", "rate_limit_config"."api_token_id", "rate_limit_config"."server_id", "rate_limit_config"."ip_network") <= 1),
	CONSTRAINT "rate_limit_config_window_check" CHECK ("rate_limit_config"."window_seconds" > 0 AND "rate_limit_config"."max_requests" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rate_limit_violation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"rate_limit_config_id" uuid,
	"api_token_id" uuid,
	"user_id" text,
	"tenant_id" text,
	"server_id" text,
	"ip_address" text,
	"http_method" text,
	"http_path" text,
	"limit_value" integer NOT NULL,
	"observed_value" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"action" "rate_limit_action" NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"event_type" text NOT NULL,
	"action" text NOT NULL,
	"actor_type" "audit_actor_type" NOT NULL,
	"actor_id" text,
	"actor_email" text,
	"actor_ip" text,
	"actor_user_agent" text,
	"tenant_id" text,
	"resource_type" text,
	"resource_id" text,
	"resource_name" text,
	"description" text,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"success" boolean DEFAULT true NOT NULL,
	"error_code" text,
	"error_message" text,
	"request_id" text,
	"session_id" text,
	"trace_id" text,
	"http_method" text,
	"http_path" text,
	"http_status" integer,
	"duration_ms" double precision,
	"risk_level" "audit_risk" DEFAULT 'low' NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "error_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service" text NOT NULL,
	"environment" text NOT NULL,
	"fingerprint" text NOT NULL,
	"level" "error_level" DEFAULT 'error' NOT NULL,
	"status" "error_status" DEFAULT 'open' NOT NULL,
	"error_type" text NOT NULL,
	"message" text NOT NULL,
	"stack_trace" text,
	"first_seen_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"occurrence_count" bigint DEFAULT 1 NOT NULL,
	"last_request_id" text,
	"last_trace_id" text,
	"last_user_id" text,
	"tenant_id" text,
	"http_method" text,
	"http_path" text,
	"context" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resolved_at" timestamp (6) with time zone,
	"resolved_by" text,
	"resolution" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "error_log_service_environment_fingerprint_key" UNIQUE("service","environment","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "request_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" text NOT NULL,
	"requested_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp (6) with time zone,
	"user_id" text,
	"tenant_id" text,
	"server_id" text,
	"ip_address" text,
	"http_method" text NOT NULL,
	"http_path" text NOT NULL,
	"query_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"headers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status_code" integer,
	"duration_ms" double precision,
	"response_size_bytes" bigint,
	"error_type" text,
	"error_message" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_log_request_id_key" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "security_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"event_type" text NOT NULL,
	"severity" "event_severity" DEFAULT 'medium' NOT NULL,
	"status" "security_event_status" DEFAULT 'open' NOT NULL,
	"user_id" text,
	"tenant_id" text,
	"api_token_id" uuid,
	"ip_address" text,
	"user_agent" text,
	"description" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resolved_at" timestamp (6) with time zone,
	"resolved_by" text,
	"resolution" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"occurred_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"event_type" text NOT NULL,
	"source" text NOT NULL,
	"severity" "event_severity" DEFAULT 'info' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"tenant_id" text,
	"resource_type" text,
	"resource_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_at" timestamp (6) with time zone,
	"acknowledged_by" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_retention_policy" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"table_name" text NOT NULL,
	"date_column" text NOT NULL,
	"retention_days" integer NOT NULL,
	"batch_size" integer DEFAULT 1000 NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"legacy_target" jsonb,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_run_at" timestamp (6) with time zone,
	"next_run_at" timestamp (6) with time zone,
	"total_deleted" bigint DEFAULT 0 NOT NULL,
	"last_deleted_count" integer DEFAULT 0 NOT NULL,
	"avg_execution_time_ms" double precision,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_retention_policy_name_key" UNIQUE("name"),
	CONSTRAINT "data_retention_policy_retention_days_check" CHECK ("data_retention_policy"."retention_days" > 0),
	CONSTRAINT "data_retention_policy_batch_size_check" CHECK ("data_retention_policy"."batch_size" > 0)
);
--> statement-breakpoint
CREATE TABLE "feature_flag" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_enabled" boolean DEFAULT false NOT NULL,
	"rollout_percentage" integer DEFAULT 0 NOT NULL,
	"targeting" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_id" text,
	"expires_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feature_flag_key_key" UNIQUE("key"),
	CONSTRAINT "feature_flag_key_check" CHECK ("feature_flag"."key" ~ '^[a-z][a-z0-9_]*$'),
	CONSTRAINT "feature_flag_rollout_percentage_check" CHECK ("feature_flag"."rollout_percentage" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "maintenance_window" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"status" "maintenance_status" DEFAULT 'scheduled' NOT NULL,
	"scheduled_start" timestamp (6) with time zone NOT NULL,
	"scheduled_end" timestamp (6) with time zone NOT NULL,
	"actual_start" timestamp (6) with time zone,
	"actual_end" timestamp (6) with time zone,
	"affected_server_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"affected_tenant_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"notify_users" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maintenance_window_period_check" CHECK ("maintenance_window"."scheduled_end" > "maintenance_window"."scheduled_start")
);
--> statement-breakpoint
CREATE TABLE "materialized_view" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"query" text NOT NULL,
	"indexes" text[] DEFAULT '{}'::text[] NOT NULL,
	"refresh_strategy" "refresh_strategy" DEFAULT 'manual' NOT NULL,
	"refresh_interval_minutes" integer,
	"refresh_triggers" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_refreshed_at" timestamp (6) with time zone,
	"next_refresh_at" timestamp (6) with time zone,
	"refresh_count" bigint DEFAULT 0 NOT NULL,
	"avg_refresh_time_ms" double precision,
	"row_count" bigint,
	"size_bytes" bigint,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "materialized_view_name_key" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "performance_alert" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"server_id" text,
	"metric_name" text NOT NULL,
	"threshold_value" double precision NOT NULL,
	"comparison_operator" "comparison_operator" NOT NULL,
	"duration_minutes" integer DEFAULT 5 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_triggered" boolean DEFAULT false NOT NULL,
	"first_triggered_at" timestamp (6) with time zone,
	"last_triggered_at" timestamp (6) with time zone,
	"trigger_count" bigint DEFAULT 0 NOT NULL,
	"notification_channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"cooldown_minutes" integer DEFAULT 60 NOT NULL,
	"last_notification_at" timestamp (6) with time zone,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_announcement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"message" text NOT NULL,
	"level" "announcement_level" DEFAULT 'info' NOT NULL,
	"target_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_tenant_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp (6) with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_dismissible" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_announcement_period_check" CHECK ("system_announcement"."ends_at" IS NULL OR "system_announcement"."ends_at" > "system_announcement"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "system_config" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"value" jsonb NOT NULL,
	"description" text,
	"category" text NOT NULL,
	"is_sensitive" boolean DEFAULT false NOT NULL,
	"is_runtime_configurable" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"tenant_id" text,
	"updated_by" text,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "system_config_tenant_id_key_key" UNIQUE NULLS NOT DISTINCT("tenant_id","key")
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apikey" ADD CONSTRAINT "apikey_reference_id_fkey" FOREIGN KEY ("reference_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "two_factor" ADD CONSTRAINT "two_factor_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_invitation" ADD CONSTRAINT "tenant_invitation_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_invitation" ADD CONSTRAINT "tenant_invitation_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_invitation" ADD CONSTRAINT "tenant_invitation_accepted_by_fkey" FOREIGN KEY ("accepted_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_member" ADD CONSTRAINT "tenant_member_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_member" ADD CONSTRAINT "tenant_member_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_member" ADD CONSTRAINT "tenant_member_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_usage" ADD CONSTRAINT "tenant_usage_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circuit_breaker" ADD CONSTRAINT "circuit_breaker_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_pool" ADD CONSTRAINT "connection_pool_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_prompt" ADD CONSTRAINT "mcp_prompt_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_resource" ADD CONSTRAINT "mcp_resource_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD CONSTRAINT "mcp_server_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server" ADD CONSTRAINT "mcp_server_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_dependency" ADD CONSTRAINT "mcp_server_dependency_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_dependency" ADD CONSTRAINT "mcp_server_dependency_depends_on_server_id_fkey" FOREIGN KEY ("depends_on_server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_server_health_check" ADD CONSTRAINT "mcp_server_health_check_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mcp_tool" ADD CONSTRAINT "mcp_tool_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_queue" ADD CONSTRAINT "request_queue_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_access_control" ADD CONSTRAINT "server_access_control_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_access_control" ADD CONSTRAINT "server_access_control_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_access_control" ADD CONSTRAINT "server_access_control_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_access_control" ADD CONSTRAINT "server_access_control_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_token"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "server_metric" ADD CONSTRAINT "server_metric_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_usage" ADD CONSTRAINT "api_usage_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_token"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limit_config" ADD CONSTRAINT "rate_limit_config_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limit_config" ADD CONSTRAINT "rate_limit_config_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limit_config" ADD CONSTRAINT "rate_limit_config_api_token_id_fkey" FOREIGN KEY ("api_token_id") REFERENCES "public"."api_token"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limit_config" ADD CONSTRAINT "rate_limit_config_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rate_limit_violation" ADD CONSTRAINT "rate_limit_violation_rate_limit_config_id_fkey" FOREIGN KEY ("rate_limit_config_id") REFERENCES "public"."rate_limit_config"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "error_log" ADD CONSTRAINT "error_log_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_event" ADD CONSTRAINT "security_event_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_event" ADD CONSTRAINT "system_event_acknowledged_by_fkey" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_flag" ADD CONSTRAINT "feature_flag_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_window" ADD CONSTRAINT "maintenance_window_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "performance_alert" ADD CONSTRAINT "performance_alert_server_id_fkey" FOREIGN KEY ("server_id") REFERENCES "public"."mcp_server"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_announcement" ADD CONSTRAINT "system_announcement_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_config" ADD CONSTRAINT "system_config_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_config" ADD CONSTRAINT "system_config_updated_by_fkey" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "apikey_reference_id_idx" ON "apikey" USING btree ("reference_id");--> statement-breakpoint
CREATE INDEX "apikey_config_id_idx" ON "apikey" USING btree ("config_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_expires_at_idx" ON "session" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "two_factor_user_id_idx" ON "two_factor" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "two_factor_secret_idx" ON "two_factor" USING btree ("secret");--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_lower_key" ON "user" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "user_tenant_id_idx" ON "user" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "user_role_idx" ON "user" USING btree ("role");--> statement-breakpoint
CREATE INDEX "user_created_at_idx" ON "user" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "user_banned_idx" ON "user" USING btree ("ban_expires") WHERE "user"."banned";--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "verification_expires_at_idx" ON "verification" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "tenant_name_idx" ON "tenant" USING btree ("name");--> statement-breakpoint
CREATE INDEX "tenant_status_idx" ON "tenant" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "tenant_invitation_tenant_id_email_pending_key" ON "tenant_invitation" USING btree ("tenant_id","email") WHERE "tenant_invitation"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "tenant_invitation_tenant_id_status_idx" ON "tenant_invitation" USING btree ("tenant_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tenant_invitation_expires_at_idx" ON "tenant_invitation" USING btree ("expires_at") WHERE "tenant_invitation"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "tenant_member_user_id_idx" ON "tenant_member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tenant_member_tenant_id_role_idx" ON "tenant_member" USING btree ("tenant_id","role");--> statement-breakpoint
CREATE INDEX "tenant_usage_metric_period_start_idx" ON "tenant_usage" USING btree ("metric","period_start" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "circuit_breaker_state_idx" ON "circuit_breaker" USING btree ("state","last_state_change_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "connection_pool_server_id_pool_name_idx" ON "connection_pool" USING btree ("server_id","pool_name");--> statement-breakpoint
CREATE INDEX "connection_pool_is_healthy_idx" ON "connection_pool" USING btree ("is_healthy");--> statement-breakpoint
CREATE INDEX "mcp_server_health_status_idx" ON "mcp_server" USING btree ("health_status");--> statement-breakpoint
CREATE INDEX "mcp_server_transport_idx" ON "mcp_server" USING btree ("transport");--> statement-breakpoint
CREATE INDEX "mcp_server_owner_id_idx" ON "mcp_server" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "mcp_server_endpoint_url_idx" ON "mcp_server" USING btree ("endpoint_url");--> statement-breakpoint
CREATE INDEX "mcp_server_tags_idx" ON "mcp_server" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "mcp_server_updated_at_idx" ON "mcp_server" USING btree ("updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "mcp_server_dependency_depends_on_server_id_idx" ON "mcp_server_dependency" USING btree ("depends_on_server_id");--> statement-breakpoint
CREATE INDEX "mcp_server_health_check_server_id_checked_at_idx" ON "mcp_server_health_check" USING btree ("server_id","checked_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "mcp_server_health_check_checked_at_idx" ON "mcp_server_health_check" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "mcp_tool_name_idx" ON "mcp_tool" USING btree ("name");--> statement-breakpoint
CREATE INDEX "mcp_tool_tags_idx" ON "mcp_tool" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "request_queue_server_id_queue_name_idx" ON "request_queue" USING btree ("server_id","queue_name");--> statement-breakpoint
CREATE INDEX "request_queue_current_size_idx" ON "request_queue" USING btree ("current_size" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_queue_is_accepting_requests_idx" ON "request_queue" USING btree ("is_accepting_requests");--> statement-breakpoint
CREATE INDEX "routing_rule_tenant_id_priority_idx" ON "routing_rule" USING btree ("tenant_id","priority","id");--> statement-breakpoint
CREATE INDEX "routing_rule_is_active_priority_idx" ON "routing_rule" USING btree ("is_active","priority");--> statement-breakpoint
CREATE INDEX "routing_rule_target_server_ids_idx" ON "routing_rule" USING gin ("target_server_ids");--> statement-breakpoint
CREATE INDEX "server_access_control_server_id_is_active_idx" ON "server_access_control" USING btree ("server_id","is_active");--> statement-breakpoint
CREATE INDEX "server_access_control_user_id_idx" ON "server_access_control" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "server_access_control_tenant_id_idx" ON "server_access_control" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "server_access_control_api_token_id_idx" ON "server_access_control" USING btree ("api_token_id");--> statement-breakpoint
CREATE INDEX "server_metric_server_id_measured_at_idx" ON "server_metric" USING btree ("server_id","measured_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "server_metric_measured_at_idx" ON "server_metric" USING btree ("measured_at");--> statement-breakpoint
CREATE INDEX "api_token_key_prefix_idx" ON "api_token" USING btree ("key_prefix");--> statement-breakpoint
CREATE INDEX "api_token_user_id_idx" ON "api_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "api_token_tenant_id_idx" ON "api_token" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "api_token_expires_at_idx" ON "api_token" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "api_token_last_used_at_idx" ON "api_token" USING btree ("last_used_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "api_token_locked_idx" ON "api_token" USING btree ("locked_until") WHERE "api_token"."is_locked";--> statement-breakpoint
CREATE INDEX "api_token_scopes_idx" ON "api_token" USING gin ("scopes");--> statement-breakpoint
CREATE INDEX "api_usage_tenant_id_period_start_idx" ON "api_usage" USING btree ("tenant_id","period_start" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "api_usage_period_start_idx" ON "api_usage" USING btree ("period_start");--> statement-breakpoint
CREATE INDEX "rate_limit_config_scope_is_active_idx" ON "rate_limit_config" USING btree ("scope","is_active","priority");--> statement-breakpoint
CREATE INDEX "rate_limit_violation_occurred_at_idx" ON "rate_limit_violation" USING btree ("occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "rate_limit_violation_tenant_id_occurred_at_idx" ON "rate_limit_violation" USING btree ("tenant_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "rate_limit_violation_api_token_id_occurred_at_idx" ON "rate_limit_violation" USING btree ("api_token_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "rate_limit_violation_rate_limit_config_id_idx" ON "rate_limit_violation" USING btree ("rate_limit_config_id");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_at_id_idx" ON "audit_log" USING btree ("occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_tenant_id_occurred_at_idx" ON "audit_log" USING btree ("tenant_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_occurred_at_idx" ON "audit_log" USING btree ("actor_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_resource_idx" ON "audit_log" USING btree ("resource_type","resource_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_action_occurred_at_idx" ON "audit_log" USING btree ("action","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_event_type_occurred_at_idx" ON "audit_log" USING btree ("event_type","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_request_id_idx" ON "audit_log" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "audit_log_risk_level_occurred_at_idx" ON "audit_log" USING btree ("risk_level","occurred_at" DESC NULLS FIRST) WHERE "audit_log"."risk_level" IN ('high', 'critical');--> statement-breakpoint
CREATE INDEX "error_log_status_last_seen_at_idx" ON "error_log" USING btree ("status","last_seen_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "error_log_level_last_seen_at_idx" ON "error_log" USING btree ("level","last_seen_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_requested_at_id_idx" ON "request_log" USING btree ("requested_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_tenant_id_requested_at_idx" ON "request_log" USING btree ("tenant_id","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_user_id_requested_at_idx" ON "request_log" USING btree ("user_id","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_server_id_requested_at_idx" ON "request_log" USING btree ("server_id","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_status_code_requested_at_idx" ON "request_log" USING btree ("status_code","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "request_log_ip_address_requested_at_idx" ON "request_log" USING btree ("ip_address","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "security_event_occurred_at_idx" ON "security_event" USING btree ("occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "security_event_status_severity_idx" ON "security_event" USING btree ("status","severity","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "security_event_user_id_occurred_at_idx" ON "security_event" USING btree ("user_id","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "security_event_ip_address_occurred_at_idx" ON "security_event" USING btree ("ip_address","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "system_event_occurred_at_idx" ON "system_event" USING btree ("occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "system_event_event_type_occurred_at_idx" ON "system_event" USING btree ("event_type","occurred_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "system_event_unacknowledged_idx" ON "system_event" USING btree ("severity","occurred_at" DESC NULLS FIRST) WHERE "system_event"."acknowledged_at" IS NULL;--> statement-breakpoint
CREATE INDEX "data_retention_policy_table_name_idx" ON "data_retention_policy" USING btree ("table_name");--> statement-breakpoint
CREATE INDEX "data_retention_policy_is_active_next_run_at_idx" ON "data_retention_policy" USING btree ("is_active","next_run_at");--> statement-breakpoint
CREATE INDEX "feature_flag_is_enabled_idx" ON "feature_flag" USING btree ("is_enabled");--> statement-breakpoint
CREATE INDEX "maintenance_window_status_scheduled_start_idx" ON "maintenance_window" USING btree ("status","scheduled_start");--> statement-breakpoint
CREATE INDEX "maintenance_window_affected_server_ids_idx" ON "maintenance_window" USING gin ("affected_server_ids");--> statement-breakpoint
CREATE INDEX "materialized_view_is_active_next_refresh_at_idx" ON "materialized_view" USING btree ("is_active","next_refresh_at");--> statement-breakpoint
CREATE INDEX "performance_alert_server_id_idx" ON "performance_alert" USING btree ("server_id");--> statement-breakpoint
CREATE INDEX "performance_alert_metric_name_idx" ON "performance_alert" USING btree ("metric_name");--> statement-breakpoint
CREATE INDEX "performance_alert_triggered_idx" ON "performance_alert" USING btree ("last_triggered_at" DESC NULLS FIRST) WHERE "performance_alert"."is_triggered";--> statement-breakpoint
CREATE INDEX "performance_alert_is_active_idx" ON "performance_alert" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "system_announcement_is_active_starts_at_idx" ON "system_announcement" USING btree ("is_active","starts_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "system_config_category_key_idx" ON "system_config" USING btree ("category","key");