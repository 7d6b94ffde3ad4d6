"""The small demo data set that `make run` serves: a few tenants with members,
MCP servers with tools, resources, prompts and health checks, some audit rows,
and one sign-in per platform role."""
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from audit.models import AuditLog
from registry.models import (
    McpPrompt,
    McpResource,
    McpServer,
    McpServerDependency,
    McpServerHealthCheck,
    McpTool,
)
from tenancy.models import Account, Tenant, TenantInvitation, TenantMember, User
from tenancy.passwords import hash_password

DEMO_PASSWORD = "demo-password"
MARKER_SLUG = "acme"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str


DEMO_LOGINS = (
    DemoLogin("admin@example.com", "admin"),
    DemoLogin("support@example.com", "support"),
    DemoLogin("staff@example.com", "staff"),
)

TENANTS = (
    # slug, name, plan, status
    ("acme", "Acme Corporation", "business", "active"),
    ("globex", "Globex", "team", "active"),
    ("initech", "Initech", "free", "suspended"),
)

MEMBERS = (
    # email, name, tenant slug, tenant role
    ("alice@acme.example", "Alice Anders", "acme", "owner"),
    ("bob@acme.example", "Bob Brown", "acme", "member"),
    ("carol@globex.example", "Carol Chen", "globex", "owner"),
    ("dave@globex.example", "Dave Díaz", "globex", "viewer"),
    ("erin@initech.example", "Erin Eriksson", "initech", "admin"),
)

SERVERS = (
    # tenant slug (None = global), name, transport, health, tools
    ("acme", "github", "http", "healthy", ("search_issues", "create_pull_request", "list_repos")),
    ("acme", "postgres-readonly", "stdio", "degraded", ("run_query", "describe_table")),
    ("globex", "slack", "sse", "healthy", ("post_message", "list_channels")),
    ("initech", "jira", "websocket", "unhealthy", ("create_ticket",)),
    (None, "web-search", "http", "healthy", ("search", "fetch_page")),
)


def demo_present() -> bool:
    return Tenant.objects.filter(slug=MARKER_SLUG).exists()


def _user(email: str, name: str, role: str, tenant: Tenant | None, now) -> User:
    user = User.objects.create(
        id=secrets.token_hex(16),
        name=name,
        email=email,
        email_verified=True,
        role=role,
        tenant=tenant,
        created_at=now,
        updated_at=now,
    )
    Account.objects.create(
        id=secrets.token_hex(16),
        account_id=user.id,
        provider_id="credential",
        user=user,
        password=hash_password(DEMO_PASSWORD),
        created_at=now,
        updated_at=now,
    )
    return user


@transaction.atomic
def seed_small() -> None:
    now = timezone.now()
    tenants = {
        slug: Tenant.objects.create(
            name=name,
            slug=slug,
            plan=plan,
            status=status,
            limits={"max_servers": 25, "max_users": 100},
            features={"audit_export": True},
            suspended_at=now - timedelta(days=3) if status == "suspended" else None,
            suspended_reason="Unpaid invoice" if status == "suspended" else None,
        )
        for slug, name, plan, status in TENANTS
    }
    staff_users = [_user(login.email, f"Demo {login.role}", login.role, None, now) for login in DEMO_LOGINS]
    admin = staff_users[0]
    for email, name, slug, tenant_role in MEMBERS:
        user = _user(email, name, "user", tenants[slug], now)
        TenantMember.objects.create(tenant=tenants[slug], user=user, role=tenant_role, invited_by=admin)
    TenantInvitation.objects.create(
        tenant=tenants["acme"],
        email="frank@acme.example",
        role="member",
        token_hash=secrets.token_hex(32),
        invited_by=admin,
        expires_at=now + timedelta(days=7),
        message="Welcome to Acme's MCP servers",
    )

    servers = {}
    for slug, name, transport, health, tools in SERVERS:
        server = McpServer.objects.create(
            name=name,
            display_name=name.replace("-", " ").title(),
            description=f"The {name} MCP server",
            version="1.2.0",
            endpoint_url=f"https://mcp.example.com/{slug or 'global'}/{name}",
            transport=transport,
            health_status=health,
            capabilities={"tools": {"listChanged": True}, "resources": {}},
            tags=["demo", transport],
            auth_type="bearer",
            auth_config={"token": secrets.token_urlsafe(24)},
            tenant=tenants[slug] if slug else None,
            is_public=slug is None,
            last_health_check_at=now - timedelta(minutes=2),
            avg_response_time_ms=42.5,
            success_rate=0.98,
        )
        servers[name] = server
        for tool in tools:
            McpTool.objects.create(
                server=server,
                name=tool,
                description=f"{tool.replace('_', ' ').capitalize()}.",
                input_schema={"type": "object", "properties": {"query": {"type": "string"}}},
                tags=["demo"],
            )
        McpResource.objects.create(server=server, uri=f"{name}://{{path}}", is_template=True, name="files")
        McpPrompt.objects.create(
            server=server,
            name="summarize",
            title="Summarize",
            arguments=[{"name": "text", "description": "Text to summarize", "required": True}],
        )
        for minutes in (2, 7, 12):
            McpServerHealthCheck.objects.create(
                server=server,
                checked_at=now - timedelta(minutes=minutes),
                status=health,
                response_time_ms=40.0 + minutes,
                http_status=200 if health != "unhealthy" else 503,
                error_message=None if health != "unhealthy" else "Service unavailable",
            )
    McpServerDependency.objects.create(
        server=servers["github"], depends_on_server=servers["web-search"], dependency_type="optional"
    )

    for i, (event_type, action, risk, success) in enumerate(
        (
            ("tenant.create", "create", "low", True),
            ("user.sign_in", "sign_in", "low", True),
            ("user.sign_in", "sign_in", "medium", False),
            ("user.ban", "ban", "high", True),
            ("mcp.request", "tools/call:search", "low", True),
        )
    ):
        AuditLog.objects.create(
            occurred_at=now - timedelta(hours=i),
            event_type=event_type,
            action=action,
            actor_type="user",
            actor_id=admin.id,
            actor_email=admin.email,
            actor_ip="203.0.113.7",
            tenant_id=tenants["acme"].id,
            resource_type=event_type.split(".")[0],
            resource_id=str(uuid.uuid4()),
            success=success,
            risk_level=risk,
            request_id=f"req-demo-{i}",
        )
