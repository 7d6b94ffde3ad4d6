"""Better-Auth's two-factor data: decrypting `two_factor.secret` and TOTP.

Stored secrets are hex(nonce ‖ ciphertext ‖ tag) of XChaCha20-Poly1305 under
key = sha256(secret), optionally wrapped as `$ba$<version>$<hex>` when the
frontend uses versioned secrets (better-auth/dist/crypto). The plaintext is
the TOTP key as text (its UTF-8 bytes are the HMAC key), or `base32:<key>`
for secrets imported from another provider (two-factor/totp decryptTOTPSecret).
TOTP is @better-auth/utils/otp's: HMAC-SHA1, 6 digits, 30 s, window ±1 step.
"""
import base64
import hashlib
import hmac
import struct
import time

from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt
from nacl.exceptions import CryptoError

from . import keys

NONCE_BYTES = 24
ENVELOPE_PREFIX = "$ba$"
BASE32_PREFIX = "base32:"
DIGITS = 6
PERIOD_SECONDS = 30
WINDOW_STEPS = 1


class UndecryptableSecret(Exception):
    """The stored value is malformed or was encrypted under another secret."""


def _decrypt_hex(secret: str, payload_hex: str) -> str:
    try:
        data = bytes.fromhex(payload_hex)
    except ValueError as exc:
        raise UndecryptableSecret("not hex") from exc
    if len(data) <= NONCE_BYTES:
        raise UndecryptableSecret("too short")
    key = hashlib.sha256(secret.encode()).digest()
    try:
        plain = crypto_aead_xchacha20poly1305_ietf_decrypt(data[NONCE_BYTES:], None, data[:NONCE_BYTES], key)
    except CryptoError as exc:
        raise UndecryptableSecret("authentication failed") from exc
    return plain.decode()


def decrypt(stored: str) -> str:
    """Better-Auth's symmetricDecrypt with the configured secrets."""
    if stored.startswith(ENVELOPE_PREFIX):
        version_text, sep, payload = stored[len(ENVELOPE_PREFIX):].partition("$")
        if not sep or not version_text.isdigit():
            raise UndecryptableSecret("malformed envelope")
        secret = keys.secret_for_version(int(version_text)) or keys.legacy_secret()
    else:
        secret, payload = keys.legacy_secret(), stored
    if not secret:
        raise UndecryptableSecret("no secret configured")
    return _decrypt_hex(secret, payload)


def totp_key(stored_secret: str) -> bytes:
    plain = decrypt(stored_secret)
    if plain.startswith(BASE32_PREFIX):
        encoded = plain[len(BASE32_PREFIX):].upper()
        return base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    return plain.encode()


def hotp(key: bytes, counter: int, digits: int = DIGITS) -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def code_at(key: bytes, unix_time: float) -> str:
    return hotp(key, int(unix_time // PERIOD_SECONDS))


def verify(key: bytes, code: str, unix_time: float | None = None) -> bool:
    """True when `code` is the code of the current step or one step either side.
    Every candidate is compared (constant time each), as Better-Auth does."""
    now = time.time() if unix_time is None else unix_time
    counter = int(now // PERIOD_SECONDS)
    matched = False
    for step in range(-WINDOW_STEPS, WINDOW_STEPS + 1):
        matched = hmac.compare_digest(code.encode(), hotp(key, counter + step).encode()) | matched
    return matched
