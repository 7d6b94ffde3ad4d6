-- updated_at is the admin's optimistic-concurrency token: every UPDATE, by any
-- writer, must move it strictly forward, even when the writer sets it (or an
-- older value) itself or two updates fall in the same now(). INSERTs are left
-- alone so imported values survive.
CREATE FUNCTION "public"."touch_updated_at"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 microsecond');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "user_touch_updated_at" BEFORE UPDATE ON "public"."user" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "session_touch_updated_at" BEFORE UPDATE ON "public"."session" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "account_touch_updated_at" BEFORE UPDATE ON "public"."account" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "verification_touch_updated_at" BEFORE UPDATE ON "public"."verification" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "two_factor_touch_updated_at" BEFORE UPDATE ON "public"."two_factor" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "apikey_touch_updated_at" BEFORE UPDATE ON "public"."apikey" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "tenant_touch_updated_at" BEFORE UPDATE ON "public"."tenant" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "tenant_member_touch_updated_at" BEFORE UPDATE ON "public"."tenant_member" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "tenant_invitation_touch_updated_at" BEFORE UPDATE ON "public"."tenant_invitation" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "tenant_usage_touch_updated_at" BEFORE UPDATE ON "public"."tenant_usage" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "mcp_server_touch_updated_at" BEFORE UPDATE ON "public"."mcp_server" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "mcp_tool_touch_updated_at" BEFORE UPDATE ON "public"."mcp_tool" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "mcp_resource_touch_updated_at" BEFORE UPDATE ON "public"."mcp_resource" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "mcp_prompt_touch_updated_at" BEFORE UPDATE ON "public"."mcp_prompt" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "mcp_server_dependency_touch_updated_at" BEFORE UPDATE ON "public"."mcp_server_dependency" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "server_access_control_touch_updated_at" BEFORE UPDATE ON "public"."server_access_control" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "routing_rule_touch_updated_at" BEFORE UPDATE ON "public"."routing_rule" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "circuit_breaker_touch_updated_at" BEFORE UPDATE ON "public"."circuit_breaker" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "connection_pool_touch_updated_at" BEFORE UPDATE ON "public"."connection_pool" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "request_queue_touch_updated_at" BEFORE UPDATE ON "public"."request_queue" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "api_token_touch_updated_at" BEFORE UPDATE ON "public"."api_token" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "api_usage_touch_updated_at" BEFORE UPDATE ON "public"."api_usage" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "rate_limit_config_touch_updated_at" BEFORE UPDATE ON "public"."rate_limit_config" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "security_event_touch_updated_at" BEFORE UPDATE ON "public"."security_event" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "error_log_touch_updated_at" BEFORE UPDATE ON "public"."error_log" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "system_event_touch_updated_at" BEFORE UPDATE ON "public"."system_event" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "system_config_touch_updated_at" BEFORE UPDATE ON "public"."system_config" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "feature_flag_touch_updated_at" BEFORE UPDATE ON "public"."feature_flag" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "maintenance_window_touch_updated_at" BEFORE UPDATE ON "public"."maintenance_window" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "system_announcement_touch_updated_at" BEFORE UPDATE ON "public"."system_announcement" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "data_retention_policy_touch_updated_at" BEFORE UPDATE ON "public"."data_retention_policy" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "performance_alert_touch_updated_at" BEFORE UPDATE ON "public"."performance_alert" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "materialized_view_touch_updated_at" BEFORE UPDATE ON "public"."materialized_view" FOR EACH ROW EXECUTE FUNCTION "public"."touch_updated_at"();
