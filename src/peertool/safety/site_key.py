"""Each site's signing key (issue 30, part 2): a program office can trust an export only when it can tell which site
made it and that nothing in it changed on the way.

`peertool site key` makes the site's Ed25519 key pair once. The private key stays in the user's folder (0600,
beside the config: never in the database, never in an export); the public key is printed for the office, which
keeps each site's as `SITE_ID.pub` in its folder of keys. A CSV export's `manifest.json` is then signed: the
manifest lists every file with its rows, columns and checksum, so its signature (`manifest.sig`, the raw 64 bytes
of an Ed25519 signature of the manifest's exact bytes) covers the whole export. `openssl pkeyutl -verify -pubin
-inkey SITE_ID.pub -rawin -in manifest.json -sigfile manifest.sig` checks it without peertool.

Ed25519 through `cryptography`, the maintained library: signatures are not code to write ourselves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SIGNATURE = "manifest.sig"  # beside manifest.json in a signed CSV export


class SiteKey(TypedDict):
    """`site key`: the site, its public key (PEM) and fingerprint, where the private key is, and whether it was made
    just now."""

    site_id: str
    public_key: str
    fingerprint: str
    path: str
    created: bool


def key_path(site: str) -> Path:
    """Where a site's private key lives: the user's folder, one file per site (a site id is a short plain code)."""
    from peertool.settings import user_dir

    return user_dir() / "site-keys" / f"{site}.key"


def site_key(site: str, *, create: bool) -> SiteKey | None:
    """The site's key, made (0600) when missing and `create`; None when missing and not `create`."""
    from peertool.files import existing_kind, make_private_folders, write_private

    path = key_path(site)
    created = False
    if existing_kind(path) is None:
        if not create:
            return None
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        make_private_folders(path.parent)
        write_private(path, _private_pem(Ed25519PrivateKey.generate()))
        created = True
    public = _load(path).public_key()
    return {"site_id": site, "public_key": _public_pem(public).decode(), "fingerprint": fingerprint(public),
            "path": str(path), "created": created}  # fmt: skip


def sign(site: str, data: bytes) -> bytes | None:
    """The site's signature of `data` (64 bytes); None when the site has no key yet."""
    path = key_path(site)
    if not path.is_file():
        return None
    return _load(path).sign(data)


def public_fingerprint(public_pem: bytes) -> str | None:
    """The fingerprint of a public key given as PEM (what the office registered); None when it is no Ed25519 key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    try:
        key = load_pem_public_key(public_pem)
    except (ValueError, TypeError):
        return None
    return fingerprint(key) if isinstance(key, Ed25519PublicKey) else None


def verify(public_pem: bytes, data: bytes, signature: bytes) -> bool:
    """Whether `signature` is the key's own of `data` (a key that cannot be read is no key: False)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    try:
        key = load_pem_public_key(public_pem)
        if not isinstance(key, Ed25519PublicKey):
            return False
        key.verify(signature, data)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def fingerprint(public: Ed25519PublicKey) -> str:
    """A short public fingerprint of a public key: the manifest names its signer by it."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(b"peertool site key\x1f" + raw).hexdigest()[:16]


def _load(path: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from peertool.errors import ConfigError

    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(f"the site key {path} cannot be read as an Ed25519 private key.",
                          hint="Move it aside and run `peertool site key` for a new one (and send the office its "
                               "public key).")  # fmt: skip
    return key


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def _public_pem(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
