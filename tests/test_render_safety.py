"""Exports rendered to files: a header per table, and a manifest."""

import json
from pathlib import Path

from peertool.render.safety import csv_export, json_export


def test_an_export_writes_a_header_per_table_and_a_manifest(tmp_path: Path) -> None:
    from peertool.safety.export import Export

    rows = {"goals": [{"id": 1, "text": "Ride the bus"}], "empty": []}
    export = Export(
        {"site_id": "east-1"}, {"goals": ["id", "text"], "empty": ["site_id", "person"]}, lambda t: iter(rows[t])
    )
    csv_export(export, tmp_path / "out")
    assert (tmp_path / "out" / "goals.csv").read_bytes() == b"id,text\n1,Ride the bus\n"
    assert (tmp_path / "out" / "empty.csv").read_bytes() == b"site_id,person\n"
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["site_id"] == "east-1" and [f["rows"] for f in manifest["files"]] == [1, 0]
    printed: list[str] = []
    json_export(export, printed.append)
    assert json.loads("".join(printed)) == {"manifest": {"site_id": "east-1"}, "tables": rows}
