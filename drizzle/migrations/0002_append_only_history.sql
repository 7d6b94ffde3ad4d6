-- audit_log and request_log are append-only: no writer may rewrite history.
-- Only the retention job, running as role mcp_retention (created by the
-- deployment, NOLOGIN, granted SELECT and DELETE), may delete rows. TRUNCATE
-- bypasses row triggers, so a statement trigger refuses it for everyone.
CREATE FUNCTION "public"."forbid_history_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = 'mcp_retention' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME
    USING ERRCODE = '55000',
          HINT = 'Rows are purged only by the retention job (SET ROLE mcp_retention).';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "public"."audit_log" FOR EACH ROW EXECUTE FUNCTION "public"."forbid_history_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "public"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "public"."forbid_history_change"();
--> statement-breakpoint
CREATE TRIGGER "request_log_append_only" BEFORE UPDATE OR DELETE ON "public"."request_log" FOR EACH ROW EXECUTE FUNCTION "public"."forbid_history_change"();
--> statement-breakpoint
CREATE TRIGGER "request_log_no_truncate" BEFORE TRUNCATE ON "public"."request_log" FOR EACH STATEMENT EXECUTE FUNCTION "public"."forbid_history_change"();
