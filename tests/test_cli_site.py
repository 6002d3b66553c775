"""`peertool site key`, and the signed manifest of a CSV export that follows from it."""

import json
import shutil
import subprocess
from pathlib import Path

from helpers import Cli


def test_site_key_makes_the_key_once_and_exports_are_signed_after_it(riverside: Cli, env: Path) -> None:
    unsigned = riverside.ok("export", "--deidentify", "--format", "csv", "--out", env / "before")
    assert "not signed" in unsigned.stderr and not (env / "before" / "manifest.sig").exists()
    made = riverside.json("site", "key")
    assert made["created"] and riverside.json("site", "key")["public_key"] == made["public_key"]
    assert "BEGIN PUBLIC KEY" in riverside.ok("site", "key").stdout
    riverside.ok("export", "--deidentify", "--format", "csv", "--out", env / "after")
    manifest = json.loads((env / "after" / "manifest.json").read_text())
    assert manifest["signing_key"] == made["fingerprint"] and manifest["site_id"] == made["site_id"]
    assert all(entry["columns"][0] == "site_id" for entry in manifest["files"])
    assert isinstance(manifest["schema_version"], int) and manifest["schema_migration"].startswith("00")
    if shutil.which("openssl") is None:
        return  # the signature is checked by the roll-up's tests as well
    public = env / "site.pub"
    public.write_text(made["public_key"])
    checked = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(public), "-rawin", "-in",
                              str(env / "after" / "manifest.json"), "-sigfile", str(env / "after" / "manifest.sig")],
                             capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr  # anyone checks it with openssl, without peertool
