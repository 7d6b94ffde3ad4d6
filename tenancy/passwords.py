"""Better-Auth's password hash: `<salt>:<key>`, scrypt over the NFKC password.

`salt` is 32 lower-case hex characters whose text (not the decoded bytes) is
the scrypt salt; `key` is the 64-byte scrypt output in hex, with Better-Auth's
parameters N=16384, r=16, p=1 (see shared/specs/better-auth-compat.md).
"""
import hashlib
import hmac
import secrets
import unicodedata

SCRYPT_N = 16384
SCRYPT_R = 16
SCRYPT_P = 1
KEY_BYTES = 64
_MAXMEM = 64 * 1024 * 1024  # scrypt needs 128 * r * N = 32 MiB here
# Verified when the stored value is unusable, so an unknown or passwordless
# account costs the same time as a real one.
_DUMMY = "00000000000000000000000000000000:" + "00" * KEY_BYTES


def _derive(password: str, salt: str) -> bytes:
    return hashlib.scrypt(
        unicodedata.normalize("NFKC", password).encode(),
        salt=salt.encode(),
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=KEY_BYTES,
        maxmem=_MAXMEM,
    )


def hash_password(password: str) -> str:
    salt = secrets.token_hex(16)
    return f"{salt}:{_derive(password, salt).hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """True when `password` matches Better-Auth's `stored` hash; constant time."""
    salt, _, key_hex = (stored or "").partition(":")
    usable = len(salt) == 32 and len(key_hex) == 2 * KEY_BYTES
    try:
        expected = bytes.fromhex(key_hex) if usable else b""
    except ValueError:
        usable = False
    if not usable:
        salt, expected = _DUMMY.split(":")[0], bytes(KEY_BYTES)
    matches = hmac.compare_digest(_derive(password, salt), expected)
    return usable and matches
