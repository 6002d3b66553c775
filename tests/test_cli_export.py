"""A de-identified export that identifies no one, and an export contract a program office can roll up (issue 13)."""

import csv
import hashlib
import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from helpers import FORMULAS, PLANTED, Cli, plant

SEEDED: dict[str, Any] = {
    "names": ["Marisol", "Quintero", "Tom", "Strauß", "Ximena", "Okafor"],
    "phones": ["(555) 010-1234", "555.010.1234", "555-010-1234"],
    "email": "marisol.q@example.org",
    "address": "42 Elm Street",
    "ssn": "123-45-6789",
    "url": "https://example.org/marisol",
    "coach": "Coach Everly Tran",
    "location": "Room 7 Linden Hall",
    "group": "Tuesday Linden",
    "tag": "marisol-quintero",
}


@pytest.fixture
def seeded(cli: Cli, env: Path) -> Cli:
    """A group whose records are full of identifiers, in every free-text field."""
    cli.ok("group", "create", SEEDED["group"], "--start", "2026-01-06", "--weekday", "tue", "--time", "18:00",
           "--location", SEEDED["location"], "--coach", SEEDED["coach"])  # fmt: skip
    people = [("Marisol Quintero", "female"), ("Tom Strauß", "male"), ("Ximena Okafor", "female"), ("Ana Ruiz", "f")]
    for name, gender in people:
        goal = f"Visit {name} at home"
        cli.ok("enroll", name, "--group", SEEDED["group"], "--gender", gender, "--phone", "555-010-1234",
               "--email", SEEDED["email"], "--enrolled-on", "2026-01-05", "--goal", goal)  # fmt: skip
    note = (f"marisol called from {SEEDED['phones'][0]} and {SEEDED['phones'][1]}; mail {SEEDED['email']}; "
            f"lives at {SEEDED['address']}; ssn {SEEDED['ssn']}; see {SEEDED['url']}; TOM STRAUSS and Ximena came. "
            "Progress was steady.")  # fmt: skip
    cli.ok("meeting", "record", SEEDED["group"], "--date", "2026-03-10", "--notes", note, "--lesson", "Marisol's story",
           "--homework", "Call Ximena", "--thread", SEEDED["tag"], "--absent", "4")  # fmt: skip
    cli.ok("note", "add", "Marisol Quintero", note)
    cli.ok("goal", "add", "1", "Ride with Tom Strauß", "--domain", "Transport")
    cli.ok("outing", "log", SEEDED["group"], "--with", "1", "--with", "3", "--date", "2026-03-14",
           "--activity", "Lunch at Marisol's", "--note", note)  # fmt: skip
    cli.ok("review", "1", "--progressing", "yes", "--wants-to-continue", "yes", "--note", note)
    cli.ok("discharge", "4", "--reason", "no longer wishes to take part", "--date", "2026-04-01")
    return cli


def identifiers() -> list[str]:
    found = [*SEEDED["names"], *SEEDED["phones"], SEEDED["email"], SEEDED["address"], SEEDED["ssn"], SEEDED["url"]]
    return [*found, SEEDED["coach"], SEEDED["location"], SEEDED["group"], SEEDED["tag"], "strauss", "root"]


def leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [marker for marker in identifiers() if marker.lower() in lowered]


def csv_export(cli: Cli, env: Path, *args: str) -> dict[str, list[dict[str, str]]]:
    out = env / "out"
    cli.ok("export", "--deidentify", "--format", "csv", "--out", out, *args)
    return {p.stem: list(csv.DictReader(io.StringIO(p.read_text()))) for p in out.glob("*.csv")}


def test_the_default_profile_carries_no_identifier_in_json_or_csv(seeded: Cli, env: Path) -> None:
    text = seeded.ok("export", "--deidentify").stdout
    assert leaks(text) == []
    out = env / "csv"
    seeded.ok("export", "--deidentify", "--format", "csv", "--out", out)
    assert leaks("".join(p.read_text() for p in out.iterdir())) == []


def test_with_notes_the_text_is_kept_but_scrubbed(seeded: Cli, env: Path) -> None:
    text = seeded.ok("export", "--deidentify", "--include-notes").stdout
    assert "Progress was steady" in text
    assert leaks(text) == []


def test_with_notes_stored_phones_glued_names_and_thread_tags_are_scrubbed(seeded: Cli) -> None:
    """Issue 23: a stored phone typed without separators, a name in NFD or a hashtag, and a thread tag built from
    names and a phone all reach the export scrubbed."""
    seeded.ok("participant", "edit", "1", "--phone", "5550105555")
    nfd = unicodedata.normalize("NFD", "Quintero Ximena Strauß")
    seeded.ok("note", "add", "1", f"Texted 555 010 5555 and 555\u2013010\u20131234; #MarisolQuintero; {nfd}.")
    seeded.ok("meeting", "record", SEEDED["group"], "--date", "2026-03-17", "--thread", "marisol-quintero-5550101234",
              "--absent", "4")  # fmt: skip
    tables = json.loads(seeded.ok("export", "--deidentify", "--include-notes").stdout)["tables"]
    assert "[name]-[name]-[phone]" in {row["tag"] for row in tables["meeting_threads"]}
    assert tables["contact_notes"][-1]["text"] == "Texted [phone] and [phone]; #[name]; [name] [name] [name]."


def test_people_groups_and_meetings_have_no_raw_ids(seeded: Cli, env: Path) -> None:
    tables = json.loads(seeded.ok("export", "--deidentify").stdout)["tables"]
    assert "audit" not in tables
    for name, rows in tables.items():
        for row in rows:
            assert "id" not in row and not any(key.endswith("_id") and key != "site_id" for key in row), (name, row)
    people = {row["person"] for row in tables["participants"]}
    assert all(re.fullmatch(r"P-[0-9A-F]{10}", p) for p in people)
    assert {row["person"] for row in tables["attendance"]} <= people
    assert all(re.fullmatch(r"G-[0-9A-F]{10}", row["group"]) for row in tables["groups"])
    assert all(re.fullmatch(r"M-[0-9A-F]{10}", row["meeting"]) for row in tables["meetings"])


def test_codes_dates_and_the_discharge_reason(seeded: Cli, env: Path) -> None:
    tables = json.loads(seeded.ok("export", "--deidentify").stdout)["tables"]
    ana = [row for row in tables["participants"] if row["status"] == "discharged"][0]
    assert ana["discharge_reason"] == "no-longer-wishes" and ana["discharged_on"] == "2026-04"
    assert {row["gender"] for row in tables["participants"]} <= {"female", "male", "other", "unrecorded"}
    assert tables["meetings"][0]["held_on"] == "2026-03"
    assert [row["domain"] for row in tables["goals"] if row["domain"] not in ("other", None)] == ["transportation"]
    exact = json.loads(seeded.ok("export", "--deidentify", "--dates", "exact").stdout)["tables"]
    assert exact["meetings"][0]["held_on"] == "2026-03-10"


def test_the_reason_code_can_be_given(seeded: Cli) -> None:
    seeded.ok("enroll", "Bo Chen")
    seeded.ok("discharge", "Bo Chen", "--reason", "moved to Ohio", "--reason-code", "goals-met")
    tables = json.loads(seeded.ok("export", "--deidentify").stdout)["tables"]
    assert "goals-met" in [row["discharge_reason"] for row in tables["participants"]]


def test_pseudonyms_are_stable_and_a_key_file_keeps_them_in_a_rebuilt_database(seeded: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text(f"pseudonym_key_file: {env / 'key.txt'}\nsite_id: east-1\n")
    first = json.loads(seeded.ok("export", "--deidentify").stdout)
    assert first == {**json.loads(seeded.ok("export", "--deidentify").stdout), "manifest": first["manifest"]}
    assert (env / "key.txt").stat().st_mode & 0o777 == 0o600
    rebuilt = env / "rebuilt.db"
    for name in ("Ana Ruiz", "Tom Strauß", "Ximena Okafor", "Marisol Quintero"):  # other order, other ids
        seeded.ok("--db", rebuilt, "enroll", name, "--enrolled-on", "2026-01-05")
    again = json.loads(seeded.ok("--db", rebuilt, "export", "--deidentify").stdout)
    assert {p["person"] for p in again["tables"]["participants"]} == {
        p["person"] for p in first["tables"]["participants"]
    }
    assert first["manifest"]["key_fingerprint"] == again["manifest"]["key_fingerprint"]
    assert "key" not in json.dumps(first["manifest"]).replace("key_fingerprint", "").replace("signing_key", "")


def test_the_csv_export_has_headers_site_ids_and_a_manifest_that_verifies(seeded: Cli, env: Path) -> None:
    (env / "peertool.yaml").write_text("site_id: east-1\n")
    tables = csv_export(seeded, env, "--from", "2026-01-01", "--to", "2026-12-31")
    assert tables["pairings"] == [] and (env / "out" / "pairings.csv").read_text().startswith("site_id,")
    assert all(row["site_id"] == "east-1" for rows in tables.values() for row in rows)
    manifest = json.loads((env / "out" / "manifest.json").read_text())
    assert manifest["site_id"] == "east-1" and manifest["profile"] == "codes"
    assert manifest["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert {"export_id", "exported_at", "peertool_version", "schema_version", "key_fingerprint"} <= set(manifest)
    for entry in manifest["files"]:
        data = (env / "out" / entry["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["rows"] == len(tables[entry["name"][:-4]])


def test_json_exports_carry_the_manifest_at_the_top(seeded: Cli) -> None:
    text = seeded.ok("export").stdout
    assert text.startswith('{"manifest": ')
    assert json.loads(text)["manifest"]["profile"] == "identified"


def test_a_deidentified_export_carries_codes_never_the_note_text(met: Cli) -> None:
    met.ok("note", "add", "1", "Secret words", "--intervention", "symptoms", "--details", "Private plan", "--minutes",
           "20", "--mode", "phone")  # fmt: skip
    met.ok("meeting", "note", "1", "1", "--response", "Hidden answer", "--homework", "done")
    met.ok("note", "sign", "1", "--as", "Dana Reyes, CPS")
    exported = met.ok("export", "--deidentify").stdout
    assert not {"Secret", "Private", "Hidden", "Dana"} & set(exported.replace('"', " ").split())
    tables = json.loads(exported)["tables"]
    assert tables["attendee_notes"][0]["homework"] == "done" and tables["contact_notes"][0]["minutes"] == 20
    assert (tables["contact_notes"][0]["mode"], tables["contact_interventions"][0]["code"]) == ("phone", "symptoms")
    assert "signatures" in json.loads(met.ok("export").stdout)["tables"]


def test_a_deidentified_export_carries_connection_kinds_and_measure_scores_never_the_text(measured: Cli) -> None:
    for extra in ([], ["--include-notes"]):
        tables = json.loads(measured.ok("export", "--deidentify", *extra).stdout)["tables"]
        assert [(c["kind"], c["setting"]) for c in tables["connections"]] == [
            ("group", "mainstream"), ("place", "program"), ("person", "mainstream")
        ]  # fmt: skip
        assert all(set(c) == {"site_id", "connection", "person", "kind", "setting", "started_on", "ended_on"}
                   for c in tables["connections"])  # fmt: skip
        assert [m["score"] for m in tables["measures"]] == [9, 16, 20, 19]
        assert "garden" not in json.dumps(tables).lower() and "Neighbour" not in json.dumps(tables)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_deidentified_export_holds_no_planted_identifiers(riverside: Cli, env: Path) -> None:
    plant(riverside)
    for args in (["--deidentify"], ["--deidentify", "--include-notes"]):
        text = riverside.ok("export", *args).stdout
        for marker in PLANTED + ("Ada Quill", "555-0101", "ada.quill@example.org"):
            assert marker.lower() not in text.lower(), (args, marker)
    data = json.loads(riverside.ok("export", "--deidentify", "--include-notes").stdout)
    person = data["tables"]["participants"][10]
    assert "name" not in person and "phone" not in person and "id" not in person
    assert data["tables"]["meetings"][0]["notes"].startswith("[name] [name] ([email])")
    again = json.loads(riverside.ok("export", "--deidentify").stdout)
    assert again["tables"]["participants"][10]["person"] == person["person"]
    assert "notes" not in again["tables"]["meetings"][0]
    assert "settings" not in data["tables"]


def test_full_export_and_csv_files_are_private(riverside: Cli, env: Path) -> None:
    full = json.loads(riverside.ok("export").stdout)
    assert full["tables"]["participants"][0]["name"] == "Ada Quill"
    riverside.ok("export", "--out", env / "all.json")
    assert mode(env / "all.json") == 0o600
    riverside.ok("export", "--format", "csv", "--deidentify", "--out", env / "csv")
    assert mode(env / "csv") == 0o700
    files = sorted((env / "csv").iterdir())
    assert {f.name for f in files} >= {"participants.csv", "meetings.csv", "manifest.json"}
    assert all(mode(f) == 0o600 for f in files)
    assert "Ada Quill" not in (env / "csv" / "participants.csv").read_text()
    assert riverside("export", "--format", "csv").exit_code == 1


def test_every_csv_peertool_writes_is_inert(riverside: Cli, env: Path) -> None:
    riverside.ok("enroll", FORMULAS[0], "--group", "Riverside")
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--notes", "=1+1 said the coach")
    for args in (["--format", "csv"], ["--deidentify", "--include-notes", "--format", "csv"]):
        out = env / ("csv-" + str(len(args)))
        riverside.ok("export", *args, "--out", out)
        for path in out.glob("*.csv"):
            for row in csv.reader(io.StringIO(path.read_text())):
                assert not any(cell[:1] in ("=", "+", "@", "\t", "\r") for cell in row), (path.name, row)


@pytest.mark.slow
def test_formula_names_stay_inert_in_libreoffice(riverside: Cli, env: Path) -> None:
    import shutil
    import zipfile

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")

    def formulas(csv_path: Path) -> int:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(env / "xlsx"), str(csv_path)],
                       capture_output=True, timeout=180, check=True)  # fmt: skip
        with zipfile.ZipFile(env / "xlsx" / (csv_path.stem + ".xlsx")) as book:
            return sum(book.read(n).decode().count("<f ") for n in book.namelist() if n.startswith("xl/worksheets/"))

    (env / "control.csv").write_text('name\n=1+1\n"=HYPERLINK(""http://x"",""y"")"\n')
    assert formulas(env / "control.csv") == 2  # the check itself sees formulas where they are live
    for name in FORMULAS[:4]:
        riverside.ok("enroll", "--", name)  # "--": a name like -2+3 is not an option
    riverside.ok("export", "--format", "csv", "--out", env / "csv")
    assert formulas(env / "csv" / "participants.csv") == 0
