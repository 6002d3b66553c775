"""Each site's signing key: made once and kept private, and a signature only its own public key accepts."""

import stat
from pathlib import Path

import pytest

from peertool.errors import ConfigError
from peertool.safety.site_key import key_path, public_fingerprint, sign, site_key, verify


def test_a_key_is_made_once_private_and_shown_by_its_public_half(env: Path) -> None:
    assert site_key("east-1", create=False) is None
    assert sign("east-1", b"manifest") is None  # no key yet: nothing is signed
    made = site_key("east-1", create=True)
    assert made is not None and made["created"] and made["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
    assert stat.S_IMODE(key_path("east-1").stat().st_mode) == 0o600
    again = site_key("east-1", create=True)
    assert again is not None and not again["created"] and again["public_key"] == made["public_key"]
    assert public_fingerprint(made["public_key"].encode()) == made["fingerprint"]


def test_a_signature_verifies_only_with_its_own_key_and_its_own_bytes(env: Path) -> None:
    east, west = site_key("east-1", create=True), site_key("west-2", create=True)
    assert east is not None and west is not None
    signature = sign("east-1", b'{"site_id": "east-1"}')
    assert signature is not None and len(signature) == 64
    assert verify(east["public_key"].encode(), b'{"site_id": "east-1"}', signature)
    assert not verify(east["public_key"].encode(), b'{"site_id": "east-2"}', signature)  # one byte changed
    assert not verify(west["public_key"].encode(), b'{"site_id": "east-1"}', signature)  # another site's key
    assert not verify(b"not a key", b'{"site_id": "east-1"}', signature)
    assert public_fingerprint(b"not a key") is None


def test_a_damaged_key_is_a_clear_error(env: Path) -> None:
    site_key("east-1", create=True)
    key_path("east-1").write_text("garbage")
    with pytest.raises(ConfigError, match="cannot be read as an Ed25519 private key"):
        sign("east-1", b"manifest")
