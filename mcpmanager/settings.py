"""Settings for MCP Manager admin, read from the environment (django-environ).

Every variable is listed in the README's "Configuration" table.
"""
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is a convenience for local work; production sets real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-dev-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "mcpmanager.auth.apps.McpAdminConfig",  # django.contrib.admin with our AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_extensions",
    "mcpmanager",
    "tenancy",
    "registry",
    "audit",
    # Last: its post_migrate syncs role groups from the permissions of the apps above.
    "mcpmanager.auth.apps.McpAuthConfig",
]

MIDDLEWARE = [
    "mcpmanager.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs in requests carrying the frontend's Better-Auth session cookie.
    "mcpmanager.auth.sso.BetterAuthSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "mcpmanager.urls"
WSGI_APPLICATION = "mcpmanager.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Drizzle owns schema "public"; Django's own tables live in DJANGO_DB_SCHEMA.
# The search path "<django schema>, public" makes Django create its tables in
# its schema while the unmanaged models find the Drizzle tables in public.
# Behind PgBouncer in transaction mode startup options are dropped: set
# DATABASE_SEARCH_PATH_IN_OPTIONS=false and put the search path on the role
# (ALTER ROLE … SET search_path = django, public). The database backend
# verifies the search path on every new connection either way.
DJANGO_DB_SCHEMA = env.str("DJANGO_DB_SCHEMA", default="django")


def _database(url_var: str, default_url: str | None = None) -> dict:
    config = {
        **env.db_url(url_var, default=default_url),
        "ENGINE": "mcpmanager.db",
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
        "DISABLE_SERVER_SIDE_CURSORS": env.bool("DISABLE_SERVER_SIDE_CURSORS", default=False),
    }
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5))
    if env.bool("DATABASE_SEARCH_PATH_IN_OPTIONS", default=True):
        options["options"] = f"-c search_path={DJANGO_DB_SCHEMA},public"
    if env.bool("DATABASE_PGBOUNCER", default=False):
        # Transaction pooling hands each transaction any server connection:
        # no server-side cursors (they live across transactions) and no
        # prepared statements (they live on one server connection).
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        options["prepare_threshold"] = None
    return config


DATABASES = {"default": _database("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mcpmanager")}
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {**_database("DATABASE_REPLICA_URL"), "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["mcpmanager.db.routers.ReadReplicaRouter"]

DRIZZLE_MIGRATIONS_DIR = Path(env.str("DRIZZLE_MIGRATIONS_DIR", default=str(BASE_DIR / "drizzle" / "migrations")))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ------------------------------------------------------------------
BETTER_AUTH_SECRET = env.str("BETTER_AUTH_SECRET", default="")
# Better-Auth's versioned secrets ("<version>:<secret>,...", newest first), if the frontend uses them.
BETTER_AUTH_SECRETS = env.str("BETTER_AUTH_SECRETS", default="")
# Better-Auth users sign in with their credentials (or the frontend's session
# cookie, mcpmanager.auth.sso); Django users made with createsuperuser still
# sign in with Django's own password as break-glass access.
AUTHENTICATION_BACKENDS = ["mcpmanager.auth.backends.BetterAuthBackend"]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Who can do what in the admin: Better-Auth role -> {"app_label.model": actions}.
# Actions are Django permission prefixes (view, add, change, delete, and the
# custom "export" of the history tables). A person with several roles gets the
# union. Roles not listed here have no admin access. The README's "Who can do
# what" table describes this one; code asks for permissions, never for roles.
_PEOPLE = ("tenancy.tenant", "tenancy.tenantmember", "tenancy.tenantinvitation", "tenancy.user")
_REGISTRY = (
    "registry.mcpserver", "registry.mcptool", "registry.mcpresource", "registry.mcpprompt",
    "registry.mcpserverdependency", "registry.mcpserverhealthcheck", "registry.servermetric",
)
_GATEWAY_CONFIG = (
    "registry.serveraccesscontrol", "registry.routingrule", "registry.circuitbreaker",
    "registry.connectionpool", "registry.requestqueue", "registry.ratelimitconfig",
    "registry.performancealert", "registry.maintenancewindow", "registry.systemconfig",
    "registry.featureflag", "registry.systemannouncement",
)
_HISTORY = ("audit.auditlog", "audit.securityevent", "audit.requestlog")
_EDIT = ("view", "add", "change", "delete")
ADMIN_ROLE_PERMISSIONS = {
    "admin": {
        **{model: _EDIT for model in _PEOPLE + _REGISTRY + _GATEWAY_CONFIG},
        "tenancy.user": ("view", "change"),  # people sign up through the frontend
        **{model: ("view", "export") for model in _HISTORY},
    },
    "support": {
        **{model: ("view",) for model in _PEOPLE + _REGISTRY},
        **{model: ("view", "export") for model in _HISTORY},
    },
    "staff": {model: ("view",) for model in _REGISTRY},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "build" / "static")))

# --- Production hardening ----------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
