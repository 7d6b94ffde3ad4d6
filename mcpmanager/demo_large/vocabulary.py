"""Words the large demo data set is made of: tenant and person names, MCP
services and their tools, client user agents, and the audit event catalog with
each event's weight, risk and failure rate."""
from dataclasses import dataclass

# Tenant slug = adjective-noun (400 distinct pairs; a rank suffix beyond that).
ADJECTIVES = (
    "amber", "bold", "brisk", "cedar", "coral", "crimson", "golden", "granite", "hidden", "indigo",
    "lunar", "maple", "nimble", "north", "polar", "quiet", "rapid", "silver", "solar", "swift",
)
NOUNS = (
    "anchor", "beacon", "bridge", "canyon", "comet", "delta", "falcon", "forge", "harbor", "lantern",
    "meadow", "orbit", "otter", "pine", "quarry", "raven", "summit", "tide", "vertex", "willow",
)
COMPANY_SUFFIXES = ("Labs", "Systems", "Analytics", "Health", "Logistics", "Media", "Capital", "Software")

FIRST_NAMES = (
    "Aaron", "Amara", "Ben", "Bianca", "Carlos", "Chloe", "Daniel", "Dana", "Elena", "Emil",
    "Fatima", "Felix", "Grace", "Gustavo", "Hana", "Hugo", "Ines", "Ivan", "Jade", "Jonas",
    "Kai", "Keiko", "Leo", "Lina", "Marco", "Maya", "Nadia", "Nils", "Omar", "Olivia",
    "Priya", "Paul", "Quinn", "Rosa", "Sam", "Sofia", "Tariq", "Tess", "Uma", "Victor",
)
LAST_NAMES = (
    "Adams", "Berg", "Castro", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
    "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Schmidt", "Tanaka",
    "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang", "Alvarez", "Bauer", "Costa", "Dahl",
    "Eriksen", "Ferreira", "Gupta", "Horvat", "Ibrahim", "Kim", "Lopez", "Meyer", "Nguyen", "Olsen",
)

# MCP services a server wraps; a server's name is "<service>-<number>".
SERVICES = (
    "github", "gitlab", "slack", "jira", "confluence", "notion", "postgres", "mysql", "snowflake", "bigquery",
    "s3", "gdrive", "filesystem", "web-search", "browser", "sentry", "datadog", "pagerduty", "stripe", "salesforce",
    "hubspot", "zendesk", "linear", "figma", "kubernetes", "docker", "terraform", "aws", "gcp", "azure",
    "redis", "elasticsearch", "openapi", "calendar", "gmail", "outlook", "teams", "discord", "twilio", "shopify",
)

TOOL_NAMES = (
    "search", "fetch_page", "list_issues", "create_issue", "update_issue", "close_issue", "search_code",
    "create_pull_request", "merge_pull_request", "list_repos", "run_query", "describe_table", "list_tables",
    "post_message", "list_channels", "read_file", "write_file", "list_directory", "get_metrics", "list_alerts",
    "acknowledge_alert", "create_ticket", "add_comment", "list_customers", "create_invoice", "refund_payment",
    "get_pod_logs", "scale_deployment", "apply_plan", "list_buckets", "get_object", "send_email",
    "list_events", "create_event", "translate", "summarize", "screenshot", "click", "fill_form", "get_weather",
)

PROMPT_NAMES = ("summarize", "explain_error", "draft_reply", "code_review", "weekly_report", "triage")

USER_AGENTS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36",
    "Claude/0.7.5 (Macintosh; macOS 14.5) Electron/30.0.1",
    "Cursor/0.39.6 (Windows NT 10.0; x64)",
    "python-httpx/0.27.0",
    "node-fetch/3.3.2 (+https://github.com/node-fetch/node-fetch)",
)
TOKEN_USER_AGENT = "mcp-gateway-client/1.4.2"


@dataclass(frozen=True)
class AuditEvent:
    """One kind of audited event and how often, how risky and how often failing it is."""

    event_type: str
    action: str  # "tools/call" gets ":<tool name>" appended
    resource_type: str | None
    weight: float  # relative frequency
    risk: str  # risk_level when it succeeds; failures are at least "medium"
    failure_rate: float
    actor: str  # member | token | staff | system
    http_method: str | None
    http_path: str | None  # "{server}" is replaced by the server's name
    failure_status: int
    failure_code: str


AUDIT_EVENTS = (
    # MCP traffic through the gateway: the bulk of the log.
    AuditEvent("mcp.request", "tools/call", "mcp_tool", 52, "low", 0.03, "member", "POST", "/mcp/{server}", 502, "upstream_error"),
    AuditEvent("mcp.request", "tools/call", "mcp_tool", 14, "low", 0.02, "token", "POST", "/mcp/{server}", 429, "rate_limited"),
    AuditEvent("mcp.request", "tools/list", "mcp_server", 6, "low", 0.01, "member", "POST", "/mcp/{server}", 504, "upstream_timeout"),
    AuditEvent("mcp.request", "resources/read", "mcp_resource", 5, "low", 0.02, "member", "POST", "/mcp/{server}", 404, "not_found"),
    AuditEvent("mcp.request", "prompts/get", "mcp_prompt", 2, "low", 0.01, "member", "POST", "/mcp/{server}", 404, "not_found"),
    # Sign-ins and account security.
    AuditEvent("user.sign_in", "sign_in", "user", 9, "low", 0.06, "member", "POST", "/api/auth/sign-in/email", 401, "invalid_credentials"),
    AuditEvent("user.sign_out", "sign_out", "session", 3, "low", 0.0, "member", "POST", "/api/auth/sign-out", 500, "internal_error"),
    AuditEvent("user.password_change", "update", "user", 0.3, "medium", 0.05, "member", "POST", "/api/auth/change-password", 400, "weak_password"),
    AuditEvent("user.two_factor_enable", "update", "user", 0.15, "low", 0.02, "member", "POST", "/api/auth/two-factor/enable", 400, "invalid_code"),
    AuditEvent("auth.permission_denied", "deny", "mcp_server", 0.6, "high", 1.0, "member", "POST", "/mcp/{server}", 403, "forbidden"),
    # Tenant administration by tenant owners and admins.
    AuditEvent("tenant.update", "update", "tenant", 0.4, "low", 0.01, "member", "PATCH", "/api/tenants/current", 409, "conflict"),
    AuditEvent("tenant_member.add", "create", "tenant_member", 0.5, "low", 0.01, "member", "POST", "/api/tenants/current/members", 409, "conflict"),
    AuditEvent("tenant_member.remove", "delete", "tenant_member", 0.2, "medium", 0.01, "member", "DELETE", "/api/tenants/current/members", 404, "not_found"),
    AuditEvent("tenant_member.role_change", "update", "tenant_member", 0.15, "medium", 0.02, "member", "PATCH", "/api/tenants/current/members", 403, "forbidden"),
    AuditEvent("tenant_invitation.create", "create", "tenant_invitation", 0.4, "low", 0.02, "member", "POST", "/api/tenants/current/invitations", 409, "conflict"),
    AuditEvent("api_token.create", "create", "api_token", 0.4, "medium", 0.01, "member", "POST", "/api/tokens", 403, "forbidden"),
    AuditEvent("api_token.revoke", "delete", "api_token", 0.15, "medium", 0.01, "member", "DELETE", "/api/tokens", 404, "not_found"),
    AuditEvent("apikey.create", "create", "apikey", 0.2, "medium", 0.01, "member", "POST", "/api/auth/api-key/create", 400, "invalid_request"),
    AuditEvent("mcp_server.create", "create", "mcp_server", 0.2, "medium", 0.03, "member", "POST", "/api/servers", 422, "invalid_endpoint"),
    AuditEvent("mcp_server.update", "update", "mcp_server", 0.8, "low", 0.02, "member", "PATCH", "/api/servers/{server}", 409, "conflict"),
    AuditEvent("mcp_server.delete", "delete", "mcp_server", 0.05, "high", 0.02, "member", "DELETE", "/api/servers/{server}", 409, "has_dependents"),
    # The gateway's own housekeeping.
    AuditEvent("mcp_server.health_change", "health_change", "mcp_server", 1.5, "low", 0.0, "system", None, None, 500, "internal_error"),
    AuditEvent("circuit_breaker.open", "open", "mcp_server", 0.3, "medium", 0.0, "system", None, None, 500, "internal_error"),
    # Platform staff in the admin.
    AuditEvent("tenant.suspend", "suspend", "tenant", 0.01, "high", 0.0, "staff", "POST", "/admin/tenancy/tenant/", 500, "internal_error"),
    AuditEvent("user.ban", "ban", "user", 0.02, "high", 0.0, "staff", "POST", "/admin/tenancy/user/", 500, "internal_error"),
    AuditEvent("user.role_change", "update", "user", 0.02, "high", 0.0, "staff", "POST", "/admin/tenancy/user/", 500, "internal_error"),
    AuditEvent("user.impersonate", "impersonate", "user", 0.005, "critical", 0.0, "staff", "POST", "/api/auth/admin/impersonate-user", 403, "forbidden"),
    AuditEvent("system_config.update", "update", "system_config", 0.01, "critical", 0.0, "staff", "POST", "/admin/registry/systemconfig/", 500, "internal_error"),
    AuditEvent("feature_flag.update", "update", "feature_flag", 0.02, "medium", 0.0, "staff", "POST", "/admin/registry/featureflag/", 500, "internal_error"),
    AuditEvent("audit_log.export", "export", "audit_log", 0.02, "high", 0.0, "staff", "GET", "/admin/audit/auditlog/export/", 500, "internal_error"),
)

SYSTEM_ACTORS = ("health-monitor", "circuit-breaker", "retention-job")
