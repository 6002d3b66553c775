"""The roll-up's reading (issue 30, part 6): many folders checked in parallel exactly as one by one, a manifest
coming back from its process in its plain shape, and a query's tables loaded with each file's rows counted."""

from pathlib import Path

import pytest
import test_safety_office
from test_safety_office import resigned, rewrite

from peertool.safety.office import NotTrusted, trusted
from peertool.safety.rollup import all_trusted, load

pytest.importorskip("duckdb")
pytestmark = [pytest.mark.sqlite_only]  # exports are the same from either backend (test_cli_export)
sites = test_safety_office.sites  # the two sites' signed exports


def test_many_folders_are_checked_in_parallel_as_one_by_one(sites: tuple[Path, Path], env: Path) -> None:
    folders = [*sites, sites[0]]
    one_by_one = [(folder, trusted(folder, env / "keys")) for folder in folders]
    assert all_trusted(folders, env / "keys", workers=2) == one_by_one
    (sites[1] / "attendance.csv").write_text("tampered\n")
    (env / "keys" / "east-1.pub").unlink()
    with pytest.raises(NotTrusted, match="no public key registered for site east-1"):  # the first folder's, in order
        all_trusted([*sites, *sites], env / "keys", workers=2)


def test_a_field_nested_deep_in_a_signed_manifest_never_reaches_the_roll_up(sites: tuple[Path, Path], env: Path
                                                                           ) -> None:  # fmt: skip
    deep: list[object] = []
    for _ in range(950):  # parsed by json, too deep to pickle back from a checking process
        deep = [deep]
    resigned(sites[0], lambda m: m.update(extra=deep, key_fingerprint=deep))
    checked = all_trusted([*sites, *sites], env / "keys", workers=2)
    assert "extra" not in checked[0][1] and "key_fingerprint" not in checked[0][1]
    assert checked[0][1]["files"] == trusted(sites[0], env / "keys")["files"]


def test_a_query_loads_only_its_tables_and_counts_each_files_rows(sites: tuple[Path, Path], env: Path) -> None:
    import duckdb

    manifests = all_trusted(list(sites), env / "keys", ["attendance"])
    con = duckdb.connect()
    load(con, manifests, ["attendance"])
    assert sorted(row[0] for row in con.execute("SHOW TABLES").fetchall()) == ["attendance", "sites"]
    assert con.execute("SELECT count(*) FROM attendance").fetchone() == (20,)
    rewrite(sites[1], "attendance.csv", lambda t: t + t.splitlines(keepends=True)[-1], resign=False)
    with pytest.raises(NotTrusted, match="rows, but its manifest says"):  # the checksum was put right, unsigned
        load(duckdb.connect(), manifests, ["attendance"])
