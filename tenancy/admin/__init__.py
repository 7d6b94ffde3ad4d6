"""The tenancy admin pages, one module per page family (Django imports this
package as `tenancy.admin` through autodiscovery)."""
from tenancy.admin import tenants, tokens, users  # noqa: F401  (registers the ModelAdmins)
