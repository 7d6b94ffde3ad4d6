"""The real better-auth 1.7.25 (+ admin, twoFactor, @better-auth/api-key 1.7.5)
against the consolidated schema: every flow the admin shares with the
frontend works, and what it stores matches better-auth-compat.md."""
import base64
import hashlib
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
from nacl.exceptions import CryptoError

from tenancy.passwords import verify_password

from .conftest import run_compat_check
from .support import (
    SESSION_COOKIE,
    api_key_hash,
    cookie_signature,
    decrypt,
    parse_set_cookie,
    split_signed_value,
    totp,
)

BETTER_AUTH_TABLES = ("user", "session", "account", "verification", "two_factor", "apikey")


def one(run, query, *params):
    return run.conn.execute(query, params).fetchone()


# --- users and passwords ---------------------------------------------------


def test_sign_up_stores_the_email_lower_cased_with_plugin_defaults(compat_run):
    data, signed_up = compat_run.data, compat_run.results["signUp"]
    assert data["mixedCaseEmail"] != data["email"]
    assert signed_up == {
        "emailStored": data["email"],
        "role": "user",
        "banned": False,
        "twoFactorEnabled": False,
        "idLength": 32,
        "sessionCookieSet": True,
    }
    user = one(compat_run, 'SELECT * FROM "user" WHERE id = %s', data["userId"])
    assert user["email"] == data["mixedCaseEmail"].lower()
    assert (user["role"], user["banned"], user["ban_reason"], user["ban_expires"]) == ("user", False, None, None)
    # Columns Better-Auth never writes got the schema's defaults.
    assert (user["is_active"], user["metadata"], user["preferences"], user["tenant_id"]) == (True, {}, {}, None)


def test_better_auth_never_writes_null_into_a_not_null_column(compat_run):
    not_null = {
        (row["table_name"], row["column_name"])
        for row in compat_run.conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND is_nullable = 'NO' AND table_name = ANY(%s)",
            [list(BETTER_AUTH_TABLES)],
        )
    }
    inserted = compat_run.results["inserted"]
    assert set(inserted) == set(BETTER_AUTH_TABLES)
    nulls_into_not_null = {
        (table, column) for table, seen in inserted.items() for column in seen["writtenNull"]
    } & not_null
    assert nulls_into_not_null == set()
    # The admin plugin's and twoFactor's NOT NULL columns are written explicitly.
    assert {"role", "banned", "two_factor_enabled"} <= set(inserted["user"]["written"])
    nulls = one(
        compat_run,
        'SELECT count(*) AS n FROM "user" WHERE role IS NULL OR banned IS NULL OR two_factor_enabled IS NULL',
    )
    assert nulls["n"] == 0


def test_the_credential_account_holds_the_password_hash(compat_run):
    data = compat_run.data
    account = one(compat_run, "SELECT * FROM account WHERE user_id = %s", data["userId"])
    assert account["provider_id"] == "credential"
    assert account["account_id"] == data["userId"]
    assert account["password"] == data["passwordHash"]
    assert re.fullmatch(r"[0-9a-f]{32}:[0-9a-f]{128}", data["passwordHash"])


def test_the_hash_is_scrypt_over_the_salt_text(compat_run):
    salt, key = compat_run.data["passwordHash"].split(":")
    derived = hashlib.scrypt(
        compat_run.data["password"].encode(), salt=salt.encode(), n=16384, r=16, p=1, dklen=64, maxmem=64 << 20
    )
    assert derived.hex() == key


def test_tenancy_verify_password_accepts_better_auths_hash(compat_run):
    data = compat_run.data
    assert verify_password(data["password"], data["passwordHash"]) is True
    assert verify_password(data["password"] + "x", data["passwordHash"]) is False
    assert verify_password(data["password"].upper(), data["passwordHash"]) is False


def test_a_wrong_password_is_refused(compat_run):
    assert compat_run.results["signIn"] == {"wrongPasswordStatus": 401, "wrongPasswordCode": "INVALID_EMAIL_OR_PASSWORD"}


# --- sessions and the cookie -------------------------------------------------


def test_session_cookie_carries_the_token_signed_with_the_secret(compat_run):
    data = compat_run.data
    name, raw_value, attrs = parse_set_cookie(data["sessionCookie"])
    assert name == SESSION_COOKIE
    assert attrs == {"max-age": "604800", "path": "/", "httponly": "", "samesite": "Lax"}
    token, signature = split_signed_value(raw_value)
    assert token == data["sessionToken"]
    assert len(token) == 32
    assert len(signature) == 44 and signature.endswith("=")
    assert signature == cookie_signature(compat_run.secret, token)
    assert signature != cookie_signature(compat_run.secret + "x", token)


def test_session_row_matches_the_cookie_and_lives_seven_days(compat_run):
    data = compat_run.data
    session = one(compat_run, 'SELECT * FROM "session" WHERE token = %s', data["sessionToken"])
    assert session["user_id"] == data["userId"]
    lifetime = session["expires_at"] - session["created_at"]
    assert abs(lifetime - timedelta(days=7)) < timedelta(seconds=5)
    assert session["expires_at"] > datetime.now(timezone.utc)
    assert compat_run.results["getSession"] == {"userId": data["userId"], "role": "user"}


def test_sign_out_deletes_the_session_row(compat_run):
    signed_out = compat_run.results["signOut"]
    assert signed_out["sessionRowDeleted"] is True
    assert parse_set_cookie(signed_out["clearingCookie"])[2]["max-age"] == "0"
    row = one(compat_run, 'SELECT count(*) AS n FROM "session" WHERE token = %s', compat_run.data["signedOutToken"])
    assert row["n"] == 0


# --- roles and bans ----------------------------------------------------------


def test_only_an_admin_may_ban_or_set_roles(compat_run):
    assert compat_run.results["nonAdmin"] == {
        "banStatus": 403,
        "banCode": "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
        "setRoleCode": "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
    }


def test_set_role_stores_declared_roles_and_refuses_unknown_ones(compat_run):
    assert compat_run.results["setRole"] == {
        "single": "support",
        "multi": "server_owner,readonly",
        # Refused by Better-Auth itself (400 + its code), never reaching user_role_check.
        "invalidStatus": 400,
        "invalidCode": "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE",
        "final": "user",
    }
    assert one(compat_run, 'SELECT role FROM "user" WHERE id = %s', compat_run.data["userId"])["role"] == "user"


def test_ban_deletes_sessions_and_refuses_sign_in(compat_run):
    ban = compat_run.results["ban"]
    assert ban["sessionsBefore"] >= 1
    assert ban["sessionsAfter"] == 0
    assert ban["oldCookieSession"] is None
    assert (ban["banned"], ban["banReason"], ban["banExpires"]) == (True, "No reason", None)
    assert (ban["signInStatus"], ban["signInCode"]) == (403, "BANNED_USER")


def test_unban_and_an_expired_ban_clear_the_ban_columns(compat_run):
    cleared = {"banned": False, "ban_reason": None, "ban_expires": None}
    assert compat_run.results["ban"]["unbanned"] == cleared
    assert compat_run.results["ban"]["afterExpiredBan"] == cleared


def test_an_inactive_user_gets_no_session_and_sign_in_stamps_last_login(compat_run):
    assert compat_run.results["inactive"] == {
        "signInStatus": 403,
        "signInCode": "USER_INACTIVE",
        "sessionCreated": False,
        "lastLoginAtSet": True,
    }
    user = one(compat_run, 'SELECT is_active, last_login_at FROM "user" WHERE id = %s', compat_run.data["userId"])
    assert user["is_active"] is True
    assert user["last_login_at"] is not None


# --- API keys ------------------------------------------------------------------


def test_api_key_is_stored_as_its_unpadded_base64url_sha256(compat_run):
    data = compat_run.data
    plain = data["apiKeyPlain"]
    assert re.fullmatch(r"[A-Za-z]{64}", plain)
    row = one(compat_run, "SELECT * FROM apikey WHERE id = %s", data["apiKeyId"])
    assert row["key"] == data["apiKeyHashStored"] == api_key_hash(plain)
    assert len(row["key"]) == 43
    assert row["key"] != api_key_hash(plain[:-1] + ("y" if plain.endswith("x") else "x"))
    assert row["start"] == plain[:6]
    assert row["reference_id"] == data["userId"]
    assert row["config_id"] == "default"


def test_api_key_defaults_written_by_the_plugin(compat_run):
    assert compat_run.results["apiKey"]["row"] == {
        "configId": "default",
        "start": compat_run.data["apiKeyPlain"][:6],
        "prefix": None,
        "enabled": True,
        "rateLimitEnabled": True,
        "rateLimitTimeWindow": 86_400_000,
        "rateLimitMax": 10,
        "requestCount": 0,
        "requestCountAfterVerify": 1,
        "lastRequestSetByVerify": True,
        "remaining": None,
        "metadata": "null",
        "permissions": None,
    }


def test_api_key_verifies_and_a_forged_one_does_not(compat_run):
    api_key = compat_run.results["apiKey"]
    assert (api_key["valid"], api_key["verifiedOwner"]) == (True, compat_run.data["userId"])
    assert (api_key["forgedValid"], api_key["forgedCode"]) == (False, "INVALID_API_KEY")


# --- two-factor ----------------------------------------------------------------


def test_two_factor_is_enabled_only_after_a_verified_code(compat_run):
    assert compat_run.results["twoFactor"] == {
        "enabledBeforeVerify": False,
        "verifiedBeforeVerify": False,
        "wrongCodeStatus": 401,
        "wrongCodeCode": "INVALID_CODE",
        "enabledAfterVerify": True,
        "verifiedAfterVerify": True,
        "failedVerificationCount": 0,
        "signInTwoFactorRedirect": True,
        "signInMethods": ["totp"],
        "sessionCreatedByPasswordAlone": False,
        "secondFactorStatus": 200,
    }
    user = one(compat_run, 'SELECT two_factor_enabled FROM "user" WHERE id = %s', compat_run.data["userId"])
    assert user["two_factor_enabled"] is True
    row = one(compat_run, "SELECT * FROM two_factor WHERE user_id = %s", compat_run.data["userId"])
    assert (row["verified"], row["failed_verification_count"], row["locked_until"]) == (True, 0, None)


def test_totp_secret_decrypts_with_the_sha256_of_the_secret(compat_run):
    data = compat_run.data
    row = one(compat_run, "SELECT secret FROM two_factor WHERE user_id = %s", data["userId"])
    assert row["secret"] == data["twoFactorSecretEncrypted"]
    assert re.fullmatch(r"[0-9a-f]+", row["secret"])
    plain = decrypt(compat_run.secret, row["secret"])
    assert plain == data["totpSecretPlain"]
    assert len(plain) == 32
    # The otpauth URI's secret is the base32 of the plain secret's UTF-8 bytes.
    assert base64.b32encode(plain.encode()).decode().rstrip("=") == data["totpUriSecret"]


def test_totp_code_computed_in_python_matches_better_auths(compat_run):
    sample = compat_run.data["totpSample"]
    assert totp(compat_run.data["totpSecretPlain"], sample["unixTime"]) == sample["code"]


def test_backup_codes_decrypt_to_the_ten_codes_shown(compat_run):
    data = compat_run.data
    codes = json.loads(decrypt(compat_run.secret, data["backupCodesEncrypted"]))
    assert codes == data["backupCodesPlain"]
    assert len(codes) == 10
    assert all(re.fullmatch(r"[A-Za-z0-9]{5}-[A-Za-z0-9]{5}", code) for code in codes)


def test_two_factor_data_does_not_decrypt_with_another_secret(compat_run):
    with pytest.raises(CryptoError):
        decrypt(compat_run.secret + "x", compat_run.data["twoFactorSecretEncrypted"])
    tampered = compat_run.data["twoFactorSecretEncrypted"][:-2] + "00"
    if tampered == compat_run.data["twoFactorSecretEncrypted"]:
        tampered = tampered[:-2] + "11"
    with pytest.raises(CryptoError):
        decrypt(compat_run.secret, tampered)


# --- the check itself ----------------------------------------------------------


def test_compat_check_names_the_failed_step_on_an_unmigrated_database(scratch_database):
    done = run_compat_check(scratch_database(), "unmigrated-database-secret-0123456789")
    assert done.returncode == 1
    assert done.stdout == ""
    assert 'step "sign-up, sign-in, get-session" failed' in done.stderr
    assert 'caused by: relation "user" does not exist' in done.stderr
