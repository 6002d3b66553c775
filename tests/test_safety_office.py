"""The program office refuses what it cannot trust (issue 30, part 3): each way an export was found tampered with
or mixed up is refused with one line naming the folder or the site."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from peertool.safety.office import READS, NotTrusted, consistent, trusted
from peertool.safety.rollup import load
from peertool.safety.site_key import sign

from helpers import EXAMPLES, Arg, Cli

pytest.importorskip("duckdb")
pytestmark = [pytest.mark.sqlite_only]  # exports are the same from either backend (test_cli_export)


def _site(cli: Cli, env: Path, site: str, *extra: str) -> list[Arg]:
    config = env / f"{site}.yaml"
    config.write_text(f"site_id: {site}\n" + "".join(f"{line}\n" for line in extra))
    base: list[Arg] = ["--db", env / f"{site}.db", "--config", config]
    cli.ok(*base, "group", "create", "Riverside", "--start", "2026-01-06", "--weekday", "tue")
    cli.ok(*base, "enroll", "--from", EXAMPLES / "roster.csv")
    cli.ok(*base, "meeting", "record", "Riverside", "--date", "2026-03-10", "--absent", "4")
    cli.ok(*base, "discharge", "Ada Quill", "--reason", "goals substantially met")
    (env / "keys").mkdir(exist_ok=True)
    (env / "keys" / f"{site}.pub").write_text(cli.json(*base, "site", "key")["public_key"])
    return base


def _export(cli: Cli, base: list[Arg], folder: Path) -> Path:
    cli.ok(*base, "export", "--deidentify", "--format", "csv", "--out", folder, "--from", "2026-01-01", "--to",
           "2026-06-30")  # fmt: skip
    return folder


@pytest.fixture
def sites(cli: Cli, env: Path) -> tuple[Path, Path]:
    """Two sites' signed exports of one half-year, east-1 and west-2."""
    return (
        _export(cli, _site(cli, env, "east-1"), env / "east"),
        _export(cli, _site(cli, env, "west-2"), env / "west"),
    )


def roll(*folders: Path, keys: Path) -> int:
    """Every check the roll-up makes; the rows it read."""
    import duckdb

    manifests = [(folder, trusted(folder, keys)) for folder in folders]
    consistent(manifests)
    con = duckdb.connect()
    load(con, manifests, READS)
    return int(con.execute("SELECT count(*) FROM attendance").fetchone()[0])  # type: ignore[index]


def resigned(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """The manifest changed by `change` and signed again with the site's own key: what a site itself (or whoever
    holds its key) could send; the checks beyond the signature must still catch it."""
    manifest = json.loads((folder / "manifest.json").read_text())
    change(manifest)
    data = json.dumps(manifest).encode()
    (folder / "manifest.json").write_bytes(data)
    (folder / "manifest.sig").write_bytes(sign(manifest["site_id"], data) or b"")


def rewrite(folder: Path, name: str, text: Callable[[str], str], *, resign: bool) -> None:
    """A file rewritten, its checksum (and row count) put right in the manifest, signed again when `resign`."""
    path = folder / name
    path.write_text(text(path.read_text()))
    lines = path.read_text().count("\n") - 1

    def fix(manifest: dict[str, Any]) -> None:
        entry = next(e for e in manifest["files"] if e["name"] == name)
        entry["sha256"], entry["rows"] = hashlib.sha256(path.read_bytes()).hexdigest(), lines

    if resign:
        resigned(folder, fix)
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        fix(manifest)
        (folder / "manifest.json").write_text(json.dumps(manifest))


def test_two_signed_sites_roll_up(sites: tuple[Path, Path], env: Path) -> None:
    assert roll(*sites, keys=env / "keys") == 20


def _duplicate_rows(text: str) -> str:
    head, *rows = text.splitlines(keepends=True)
    return head + "".join(rows) + "".join(rows[:3])


TAMPERED: dict[str, tuple[Callable[[Path, Path], object], str]] = {
    "a byte changed, its checksum recomputed": (
        lambda east, env: rewrite(east, "attendance.csv", lambda t: t.replace(",1,", ",0,", 1), resign=False),
        "signature is not site east-1's",
    ),
    "a file dropped from the manifest, then edited": (
        lambda east, env: _dropped_then_edited(east),
        "signature is not site east-1's",
    ),
    "a file the manifest does not list": (lambda east, env: (east / "extra.csv").write_text("x\n"), "does not list"),
    "rows duplicated, the checksum recomputed": (
        lambda east, env: rewrite(east, "attendance.csv", _duplicate_rows, resign=False),
        "signature",
    ),
    "rows duplicated by the site itself": (
        lambda east, env: _duplicated_but_counted_as_before(east),
        "rows, but its manifest says",
    ),
    "a file deleted": (lambda east, env: (east / "attendance.csv").unlink(), "attendance.csv is missing"),
    "an incomplete set of files": (lambda east, env: _drop(east, "discharges.csv", resign=True), "incomplete"),
    "rows relabelled to another site": (
        lambda east, env: rewrite(east, "participants.csv", lambda t: t.replace("east-1,", "west-2,"), resign=True),
        "name another site",
    ),
    "an older schema": (lambda east, env: resigned(east, lambda m: m.update(schema_version=31)), "schema version"),
    "another period": (
        lambda east, env: resigned(east, lambda m: m.update(period={"from": "2026-01-01", "to": "2026-03-31"})),
        "period",
    ),
    "a renamed column": (
        lambda east, env: rewrite(east, "attendance.csv", lambda t: t.replace("present", "here", 1), resign=True),
        "columns",
    ),
    "an absolute path": (
        lambda east, env: resigned(east, lambda m: m["files"][0].update(name="/etc/hostname")),
        "not a plain",
    ),
    "no signature": (lambda east, env: (east / "manifest.sig").unlink(), "not signed"),
    "another site's key": (
        lambda east, env: shutil.copy(env / "keys" / "west-2.pub", env / "keys" / "east-1.pub"),
        "signature",
    ),
    "no key registered": (lambda east, env: (env / "keys" / "east-1.pub").unlink(), "no public key"),
    "a file that is a symbolic link": (lambda east, env: _linked(east, "attendance.csv"), "attendance.csv is missing"),
    "a manifest that is a symbolic link": (lambda east, env: _linked(east, "manifest.json"), "no readable manifest"),
    "a file that is a pipe": (lambda east, env: _piped(east, "attendance.csv"), "attendance.csv is missing"),
    "a manifest nested deeper than Python parses": (
        lambda east, env: (east / "manifest.json").write_text("[" * 200_000),
        "not a peertool manifest",
    ),
    "a table in two files": (lambda east, env: _twice(east, "attendance"), "two files of the table attendance"),
}


def _twice(folder: Path, table: str) -> None:
    """A second file of the table, listed and signed: which of the two would be counted?"""
    other = folder / f"{table}.parquet"
    other.write_bytes(b"PAR1")
    entry = {"name": other.name, "rows": 0, "columns": ["site_id"], "sha256": hashlib.sha256(b"PAR1").hexdigest()}
    resigned(folder, lambda m: m["files"].append(entry))


def _linked(folder: Path, name: str) -> None:
    """The file moved out of the folder, a symbolic link to it in its place: the same bytes, from elsewhere."""
    moved = folder.parent / f"elsewhere-{name}"
    (folder / name).rename(moved)
    (folder / name).symlink_to(moved)


def _piped(folder: Path, name: str) -> None:
    """A named pipe in the file's place: refused, never waited on for a writer."""
    (folder / name).unlink()
    os.mkfifo(folder / name)


def _drop(folder: Path, name: str, *, resign: bool) -> None:
    def drop(manifest: dict[str, Any]) -> None:
        manifest["files"] = [entry for entry in manifest["files"] if entry["name"] != name]

    if resign:
        (folder / name).unlink()
        resigned(folder, drop)
    else:
        manifest = json.loads((folder / "manifest.json").read_text())
        drop(manifest)
        (folder / "manifest.json").write_text(json.dumps(manifest))


def _dropped_then_edited(folder: Path) -> None:
    _drop(folder, "goals.csv", resign=False)
    (folder / "goals.csv").write_text("edited\n")


def _duplicated_but_counted_as_before(folder: Path) -> None:
    listed = {e["name"]: e["rows"] for e in json.loads((folder / "manifest.json").read_text())["files"]}
    rewrite(folder, "attendance.csv", _duplicate_rows, resign=True)
    resigned(folder, lambda m: next(e for e in m["files"] if e["name"] == "attendance.csv").update(
        rows=listed["attendance.csv"]))  # fmt: skip


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_export_is_refused_with_one_line(sites: tuple[Path, Path], env: Path, case: str) -> None:
    tamper, message = TAMPERED[case]
    tamper(sites[0], env)
    with pytest.raises(NotTrusted, match=message) as refused:
        roll(*sites, keys=env / "keys")
    assert "\n" not in str(refused.value)


def test_the_same_database_under_two_site_ids_is_refused(cli: Cli, env: Path, sites: tuple[Path, Path]) -> None:
    twin: list[Arg] = ["--db", env / "east-1.db", "--config", _config(env, "east-2")]
    (env / "keys" / "east-2.pub").write_text(cli.json(*twin, "site", "key")["public_key"])
    twin_export = _export(cli, twin, env / "twin")
    with pytest.raises(NotTrusted, match="share a pseudonym key"):
        roll(sites[0], twin_export, keys=env / "keys")
    with pytest.raises(NotTrusted, match="both site east-1"):
        roll(sites[0], sites[0], keys=env / "keys")


def test_a_site_with_its_own_goal_domains_is_refused(cli: Cli, env: Path, sites: tuple[Path, Path]) -> None:
    own = _export(cli, _site(cli, env, "north-3", "goal_domains: [home, work, travel]"), env / "north")
    with pytest.raises(NotTrusted, match="site north-3's goal domains"):
        roll(sites[0], own, keys=env / "keys")


def test_the_script_refuses_with_one_line_and_never_runs_a_spreadsheet_formula(
    sites: tuple[Path, Path], env: Path
) -> None:
    script = [sys.executable, str(EXAMPLES / "agency_rollup.py"), "--keys", str(env / "keys"), *map(str, sites)]
    rewrite(sites[0], "goals.csv", _first_row("domain", '=HYPERLINK("http://example.org")'), resign=True)
    goals = subprocess.run([*script, "--goals"], capture_output=True, text=True, check=True).stdout
    assert "'=HYPERLINK" in goals and "\n=HYPERLINK" not in goals
    (sites[1] / "attendance.csv").unlink()
    refused = subprocess.run(script, capture_output=True, text=True)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    rewrite(sites[0], "meetings.csv", _first_row("held_on", "tomorrow"), resign=True)  # no date peertool writes
    refused = subprocess.run([*script[:-1], "--connections"], capture_output=True, text=True)  # east alone
    assert refused.returncode == 1 and refused.stderr.startswith("Error: the rows cannot be rolled up: ")
    assert refused.stderr.count("\n") == 1


def _config(env: Path, site: str) -> Path:
    config = env / f"{site}.yaml"
    config.write_text(f"site_id: {site}\n")
    return config


def _first_row(column: str, value: str) -> Callable[[str], str]:
    """A CSV's first row given `value` in `column`, as a hostile site could send it."""
    import csv
    import io

    def change(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text)))
        rows[1][rows[0].index(column)] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()

    return change


def test_parquet_exports_roll_up_as_their_csv_does_and_are_checked_alike(cli: Cli, env: Path) -> None:
    east, west = _site(cli, env, "east-1"), _site(cli, env, "west-2")
    csvs = [_export(cli, base, env / f"{n}-csv") for n, base in (("east", east), ("west", west))]
    parquets = []
    for name, base in (("east", east), ("west", west)):
        cli.ok(*base, "export", "--deidentify", "--format", "parquet", "--out", env / f"{name}-pq", "--from",
               "2026-01-01", "--to", "2026-06-30")  # fmt: skip
        parquets.append(env / f"{name}-pq")
    assert sorted(p.name for p in parquets[0].iterdir())[:2] == ["activities.parquet", "attendance.parquet"]
    assert roll(*parquets, keys=env / "keys") == roll(*csvs, keys=env / "keys") == 20
    assert roll(csvs[0], parquets[1], keys=env / "keys") == 20  # one site's CSV beside another's Parquet
    data = (parquets[0] / "attendance.parquet").read_bytes()
    (parquets[0] / "attendance.parquet").write_bytes(data[:-9] + bytes([data[-9] ^ 1]) + data[-8:])
    with pytest.raises(NotTrusted, match="checksum"):
        roll(*parquets, keys=env / "keys")


HOSTILE_ENTRIES: dict[str, Callable[[dict[str, Any]], None]] = {
    "columns not a list": lambda m: m["files"][0].update(columns=5),
    "a column not a name": lambda m: m["files"][0].update(columns=[{"x": 1}]),
    "rows not a number": lambda m: m["files"][0].update(rows="many"),
    "a period of lists": lambda m: m.update(period={"from": ["2026"], "to": "2026-06-30"}),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_ENTRIES))
def test_a_hostile_manifest_field_is_refused_not_a_traceback(sites: tuple[Path, Path], env: Path, case: str) -> None:
    resigned(sites[0], HOSTILE_ENTRIES[case])
    with pytest.raises(NotTrusted):
        roll(*sites, keys=env / "keys")


def test_columns_in_another_order_or_a_glob_in_a_folder_name_are_refused(sites: tuple[Path, Path], env: Path) -> None:
    def swap(line: str) -> str:
        return ",".join(line.rstrip("\n").split(",")[::-1]) + "\n"

    def swapped(text: str) -> str:
        return "".join(swap(line) for line in text.splitlines(keepends=True))

    rewrite(sites[1], "participants.csv", swapped, resign=True)
    resigned(sites[1], lambda m: next(e for e in m["files"] if e["name"] == "participants.csv").update(
        columns=next(e for e in m["files"] if e["name"] == "participants.csv")["columns"][::-1]))  # fmt: skip
    with pytest.raises(NotTrusted, match="other columns than site east-1's"):
        roll(*sites, keys=env / "keys")
    globbed = sites[0].parent / "[e]ast"
    shutil.copytree(sites[0], globbed)
    with pytest.raises(NotTrusted, match="rename it"):
        roll(globbed, keys=env / "keys")


def test_a_roll_up_checks_the_files_it_reads_and_every_file_is_still_listed(sites: tuple[Path, Path], env: Path
                                                                            ) -> None:  # fmt: skip
    east, keys = sites[0], env / "keys"
    notes = east / "contact_notes.csv"
    notes.write_text(notes.read_text() + "\n")  # a file no roll-up query reads
    assert trusted(east, keys, ["attendance", "meetings"])["site_id"] == "east-1"
    with pytest.raises(NotTrusted, match="contact_notes.csv does not match its checksum"):
        trusted(east, keys)  # every file, for an office that keeps the export whole
    with pytest.raises(NotTrusted, match="meetings.csv does not match"):
        (east / "meetings.csv").write_text("tampered\n")
        trusted(east, keys, ["attendance", "meetings"])
    notes.unlink()
    with pytest.raises(NotTrusted, match="contact_notes.csv is missing"):
        trusted(east, keys, ["attendance"])
