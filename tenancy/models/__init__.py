"""Tenancy models: Better-Auth identities, tenants, gateway API tokens."""
from .api import ApiToken, ApiUsage
from .auth import Account, ApiKey, Session, TwoFactor, User, Verification
from .tenants import Tenant, TenantInvitation, TenantMember, TenantUsage

__all__ = [
    "Account",
    "ApiKey",
    "ApiToken",
    "ApiUsage",
    "Session",
    "Tenant",
    "TenantInvitation",
    "TenantMember",
    "TenantUsage",
    "TwoFactor",
    "User",
    "Verification",
]
