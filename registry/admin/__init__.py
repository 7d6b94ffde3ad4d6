"""The registry admin pages, one module per domain (Django imports this
package as `registry.admin` through autodiscovery)."""
from registry.admin import gateway, monitoring, platform, servers  # noqa: F401  (registers the ModelAdmins)
