"""Better-Auth's scrypt password format (the real package's hashes are checked in tests/better_auth)."""
import re

import pytest

from tenancy.passwords import hash_password, verify_password


def test_hash_has_better_auths_format():
    stored = hash_password("correct horse")
    assert re.fullmatch(r"[0-9a-f]{32}:[0-9a-f]{128}", stored)


def test_verify_accepts_the_password_and_rejects_others():
    stored = hash_password("correct horse")
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert not verify_password("", stored)


def test_passwords_are_nfkc_normalised():
    # "ﬁ" (U+FB01) normalises to "fi" under NFKC, as in Better-Auth.
    assert verify_password("\ufb01sh", hash_password("fish"))


@pytest.mark.parametrize("stored", [None, "", "abc", "zz" * 16 + ":" + "00" * 64, "00" * 16 + ":" + "0" * 10])
def test_unusable_stored_values_never_verify(stored):
    assert not verify_password("anything", stored)
