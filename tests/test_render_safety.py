"""How the audit log and the export are written: the verification's head on a line of its own, CSV cells a
spreadsheet cannot run, JSON that keeps stored text exact with controls escaped, and only a folder that holds
exactly an export is ever taken for one."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from peertool.db.shapes import ChangedRecord
from peertool.errors import Conflict
from peertool.render.safety import audit, csv_export, is_csv_export, json_export, verification
from peertool.safety.export import Export, Manifest


def _manifest(**tables: int) -> Manifest:
    """A manifest as `safety.export.manifest` makes one; the render functions copy it out as it is."""
    return {"site_id": "east-1", "export_id": "0f" * 16, "exported_at": "2026-03-04T10:00:00Z", "period": None,
            "peertool_version": "1.0.0", "schema_version": 11, "schema_migration": "0011_names_compared_as_they_look",
            "profile": "identified", "dates": "exact", "key_fingerprint": None, "signing_key": None,
            "vocabularies": {}, "tables": tables}  # fmt: skip


def test_an_export_writes_a_header_per_table_and_a_manifest(tmp_path: Path) -> None:
    from peertool.safety.export import Export

    rows = {"goals": [{"id": 1, "text": "Ride the bus"}], "empty": []}
    manifest = _manifest(goals=1, empty=0)
    export = Export(manifest, {"goals": ["id", "text"], "empty": ["site_id", "person"]}, lambda t: iter(rows[t]))
    csv_export(export, tmp_path / "out")
    assert (tmp_path / "out" / "goals.csv").read_bytes() == b"id,text\n1,Ride the bus\n"
    assert (tmp_path / "out" / "empty.csv").read_bytes() == b"site_id,person\n"
    written = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert written["site_id"] == "east-1" and [f["rows"] for f in written["files"]] == [1, 0]
    printed: list[str] = []
    json_export(export, printed.append)
    assert json.loads("".join(printed)) == {"manifest": manifest, "tables": rows}


HEAD = "ab" * 32


def _export(rows: list[dict[str, Any]]) -> Export:
    def read(table: str) -> Iterator[dict[str, Any]]:
        return iter(rows)

    return Export(_manifest(contact_notes=len(rows)), {"contact_notes": ["note", "text"]}, read)


def test_the_audit_log_prints_one_row_per_entry_with_controls_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    audit([{"id": 3, "at": "2026-03-04T10:00:00Z", "user": "coach", "command": "note add \x1b[2J",
            "table": "contact_notes", "record_id": 7, "action": "insert"}])  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        "id\tat\tuser\tcommand\ttable\trecord\taction",
        "3\t2026-03-04T10:00:00Z\tcoach\tnote add \\x1b[2J\tcontact_notes\t7\tinsert",
    ]


def test_a_verification_gives_the_counts_and_the_head_whole_on_its_own_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    changed: list[ChangedRecord] = [{"table": "contact_notes", "record_id": 7}, {"table": "goals", "record_id": 3}]
    verification({"ok": False, "rows": 12, "sealed": 11, "unsealed": 1, "head": HEAD, "broken": None,
                  "kept_head": None, "missing_triggers": [], "altered_triggers": [], "added_triggers": [],
                  "changed": changed, "unchecked": 0, "content": "2 changed"})  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].strip() == "Audit log: TAMPERED"
    assert " ".join(" ".join(lines).split()).count("not yet sealed (other tools) 1") == 1
    assert lines[-2:] == ["head (keep it elsewhere to compare later):", HEAD]


def test_csv_cells_cannot_run_in_a_spreadsheet_and_keep_their_rows(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {"note": 1, "text": '=HYPERLINK("http://x")'},
        {"note": 2, "text": "fine\r\n+SUM(A1)"},
        {"note": -3, "text": None},
    ]
    csv_export(_export(rows), tmp_path / "out")
    written = (tmp_path / "out" / "contact_notes.csv").read_bytes().decode()
    assert written == 'note,text\n1,"\'=HYPERLINK(""http://x"")"\n2,"fine\r\n\'+SUM(A1)"\n-3,\n'
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["files"][0]["rows"] == 3
    assert (tmp_path / "out" / "contact_notes.csv").stat().st_mode & 0o777 == 0o600


def test_the_json_export_keeps_stored_text_exact_with_controls_escaped() -> None:
    stored = "Ada\u202eQuill\x85 \x1b[2J é"
    written: list[str] = []
    json_export(_export([{"note": 1, "text": stored}]), written.append)
    text = "".join(written)
    assert "\u202e" not in text and "\x85" not in text and "\x1b" not in text and "é" in text
    assert json.loads(text)["tables"]["contact_notes"] == [{"note": 1, "text": stored}]


def test_only_a_folder_holding_exactly_an_export_is_taken_for_one_and_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    csv_export(_export([]), out)
    assert is_csv_export(out)
    with pytest.raises(Conflict):
        csv_export(_export([]), out)
    csv_export(_export([{"note": 1, "text": "again"}]), out, force=True)
    assert (out / "contact_notes.csv").read_text() == "note,text\n1,again\n"
    (out / "thesis.docx").write_text("a coach's own file")
    assert not is_csv_export(out)
    with pytest.raises(Conflict):
        csv_export(_export([]), out, force=True)
    assert (out / "thesis.docx").exists()
    assert not is_csv_export(tmp_path / "missing") and not is_csv_export(tmp_path)
