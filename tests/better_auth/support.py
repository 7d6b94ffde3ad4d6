"""Better-Auth's formats recomputed in Python from better-auth-compat.md, so
the tests check the stored values independently of the JavaScript code."""
import base64
import hashlib
import hmac
import struct
from urllib.parse import unquote

from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt

SESSION_COOKIE = "better-auth.session_token"
XCHACHA_NONCE_BYTES = 24


def parse_set_cookie(header: str) -> tuple[str, str, dict[str, str]]:
    """(name, raw value, attributes with lower-case keys) of a Set-Cookie header."""
    pair, *attributes = (part.strip() for part in header.split(";"))
    name, _, value = pair.partition("=")
    attrs = {}
    for attribute in attributes:
        key, _, val = attribute.partition("=")
        attrs[key.lower()] = val
    return name, value, attrs


def split_signed_value(raw_value: str) -> tuple[str, str]:
    """(token, signature) of a URL-encoded `<token>.<signature>` cookie value."""
    token, _, signature = unquote(raw_value).rpartition(".")
    return token, signature


def cookie_signature(secret: str, token: str) -> str:
    """Standard base64 of HMAC-SHA256(secret, token), as better-call signs cookies."""
    digest = hmac.new(secret.encode(), token.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def api_key_hash(plain: str) -> str:
    """@better-auth/api-key's stored key: base64url(sha256(key)) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(plain.encode()).digest()).decode().rstrip("=")


def decrypt(secret: str, stored_hex: str) -> str:
    """Better-Auth's symmetricDecrypt: XChaCha20-Poly1305, key sha256(secret), hex(nonce || ct || tag)."""
    data = bytes.fromhex(stored_hex)
    nonce, ciphertext = data[:XCHACHA_NONCE_BYTES], data[XCHACHA_NONCE_BYTES:]
    key = hashlib.sha256(secret.encode()).digest()
    return crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, None, nonce, key).decode()


def totp(secret: str, unix_time: float, *, step: int = 30, digits: int = 6) -> str:
    """RFC 6238 TOTP (HMAC-SHA1) keyed with the secret's UTF-8 bytes."""
    counter = struct.pack(">Q", int(unix_time // step))
    digest = hmac.new(secret.encode(), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)
