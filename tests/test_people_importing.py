import io
import json
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people import groups, importing
from peertool.people.importing import import_rows, read_rows
from peertool.people.participants import enroll
from peertool.render import output

from helpers import EXAMPLES, Cli, roster

HEADER = "name,gender,interests,goals,referral,phone,email,enrolled_on,external_id,group\n"


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM participants").fetchone()[0])


def test_example_roster_imports_and_reimports_safely(db: Database) -> None:
    groups.create_group(db, "Riverside", start="2026-01-06", weekday="tue")
    rows = read_rows(EXAMPLES / "roster.csv")
    assert len(rows) == 10
    first = import_rows(db, rows, max_group_size=12)
    assert first == {"enrolled": 10, "skipped": 0, "rows": 10, "ids": range(1, 11), "warnings": []}
    again = import_rows(db, rows, max_group_size=12)
    assert again == {"enrolled": 0, "skipped": 10, "rows": 10, "ids": range(0), "warnings": []}
    assert count(db) == 10
    assert len(groups.show_group(db, "Riverside")["members"]) == 10


def test_the_ids_run_from_the_first_row_enrolled_to_the_last_with_known_rows_skipped(db: Database) -> None:
    def person(name: str, ext: str) -> dict[str, str]:
        return {"name": name, "enrolled_on": "2026-01-05", "external_id": ext}

    import_rows(db, [person("Ana", "A1"), person("Bo", "A2")], max_group_size=12)
    rows = [person("Ana", "A1"), person("Cy", ""), person("Bo", "A2"), person("Dee", "A3"), person("Eli", "A4")]
    again = import_rows(db, rows, max_group_size=12)
    assert (again["enrolled"], again["skipped"], again["ids"]) == (3, 2, range(3, 6))


def test_a_bad_row_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "Ana Ruiz,,,,,,,2026-01-05,A1,\nBo Chen,,,,,,,2026-02-30,A2,\n")
    with pytest.raises(InvalidInput) as err:
        import_rows(db, read_rows(path), max_group_size=12)
    assert err.value.message.startswith("row 3, field enrolled_on")  # the header is row 1
    assert count(db) == 0


def test_a_missing_group_refuses_the_whole_file(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "Ana Ruiz,,,,,,,,,\nBo Chen,,,,,,,,,Nowhere\n")
    with pytest.raises(NotFound) as err:
        import_rows(db, read_rows(path), max_group_size=12)
    assert err.value.message.startswith("row 3, field group")
    assert count(db) == 0


def test_yaml_roster_and_its_errors(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- name: Ana Ruiz\n  interests: [music, Hiking]\n  enrolled_on: 2026-01-05\n- name: Bo Chen\n")
    assert import_rows(db, read_rows(path), max_group_size=12)["enrolled"] == 2
    path.write_text("- name: Cy Dorn\n  enrolled_on: 2026-02-30\n")
    with pytest.raises(InvalidInput) as err:
        import_rows(db, read_rows(path), max_group_size=12)
    assert "entry 1, field enrolled_on" in err.value.message


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("r.csv", "nom,gender\nAna,\n", "no 'name' column"),
        ("r.csv", "name,colour\nAna,red\n", "unknown field 'colour'"),
        ("r.csv", HEADER + "Ana,,,,,,,,X,\nBo,,,,,,,,X,\n", "repeats row 2"),
        ("r.yaml", "name: Ana\n", "list of mappings"),
        ("r.yaml", "- [unclosed\n", "not a valid YAML"),
        ("r.txt", "Ana\n", "neither .csv"),
    ],
)
def test_malformed_files_are_clean_errors(db: Database, tmp_path: Path, name: str, text: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InvalidInput) as err:
        import_rows(db, read_rows(path), max_group_size=12)
    assert expected in err.value.message
    assert count(db) == 0


def test_line_breaks_bare_crs_and_u2028_inside_quoted_fields_survive(tmp_path: Path) -> None:
    path = roster(
        tmp_path, 'name,goals\n"Ada Quill","Ride the bus\nthen the train"\n"Bram\rOakes",x\n"Cleo\u2028Marsh",y\n'
    )
    rows = read_rows(path)
    assert [r["name"] for r in rows] == ["Ada Quill", "Bram\rOakes", "Cleo\u2028Marsh"]
    assert rows[0]["goals"] == "Ride the bus\nthen the train"


def test_headers_match_whatever_their_case_and_blank_trailing_rows_are_ignored(tmp_path: Path) -> None:
    path = roster(tmp_path, " Name , External_ID ,Enrolled On\nAda Quill,7,2026-01-05\n,,\n\n,,\n")
    assert list(read_rows(path)) == [{"name": "Ada Quill", "external_id": "7", "enrolled_on": "2026-01-05"}]


def test_a_semicolon_file_is_read_with_its_delimiter(tmp_path: Path) -> None:
    path = roster(tmp_path, "name;gender;interests\nAda Quill;female;a,b\n")
    assert list(read_rows(path)) == [{"name": "Ada Quill", "gender": "female", "interests": "a,b"}]


def test_yaml_scalars_stay_as_typed(tmp_path: Path) -> None:
    path = roster(tmp_path, "- name: Ada Quill\n  external_id: 0017\n  gender: no\n  phone: off\n", "r.yaml")
    assert list(read_rows(path)) == [{"name": "Ada Quill", "external_id": "0017", "gender": "no", "phone": "off"}]


ROWS_HEADER = "name,external_id\n"


def numbered_roster(tmp_path: Path, rows: int, start: int = 1, suffix: str = "csv") -> Path:
    path = tmp_path / f"r{start}-{rows}.{suffix}"
    with open(path, "w", encoding="utf-8") as out:
        out.write(ROWS_HEADER if suffix == "csv" else "")
        for n in range(start, start + rows):
            out.write(f"Person {n},X-{n}\n" if suffix == "csv" else f"- name: Person {n}\n  external_id: X-{n}\n")
    return path


def traced_peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["csv", "yaml"])
def test_what_python_holds_does_not_grow_with_the_file(db: Database, tmp_path: Path, suffix: str) -> None:
    # Both are over the audit seal's batch, whose 5,000 rows are the peak's fixed part.
    small, large = (
        numbered_roster(tmp_path, 10_000, suffix=suffix),
        numbered_roster(tmp_path, 40_000, start=10_000, suffix=suffix),
    )
    small_peak = traced_peak(lambda: import_rows(db, read_rows(small), max_group_size=12))
    large_peak = traced_peak(lambda: import_rows(db, read_rows(large), max_group_size=12))
    # Before: the file's text (or YAML's whole document), a dict of its external_ids and a list of its ids.
    assert large_peak < small_peak + 1_000_000, (small_peak, large_peak)


def test_names_enrolled_before_are_warned_about_whatever_their_case_or_accents(db: Database, tmp_path: Path) -> None:
    enroll(db, {"name": "Zoë Adams"}, max_group_size=12)
    path = tmp_path / "r.csv"
    path.write_text("name,external_id\nzoe  ADAMS,\nBo Chen,\nZOË ADAMS,Z-1\nZoe Adams,\n")
    result = import_rows(db, read_rows(path), max_group_size=12)
    assert result["enrolled"] == 4
    assert result["warnings"] == ["row 2, 5: the name matches someone already enrolled and the row has no "
                                  "external_id; check for a duplicate."]  # fmt: skip


def test_a_warning_lists_the_first_rows_and_counts_the_rest(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importing, "LISTED_ROWS", 3)
    enroll(db, {"name": "Ann Lee"}, max_group_size=12)
    path = tmp_path / "r.csv"
    path.write_text("name\n" + "Ann Lee\n" * 7)
    (warning,) = import_rows(db, read_rows(path), max_group_size=12)["warnings"]
    assert warning.startswith("row 2, 3, 4 and 4 more: the name matches")


def test_an_external_id_repeated_among_rows_already_enrolled_is_still_refused(db: Database, tmp_path: Path) -> None:
    import_rows(db, read_rows(numbered_roster(tmp_path, 3)), max_group_size=12)
    path = tmp_path / "again.csv"
    path.write_text(ROWS_HEADER + "Person 1,X-1\nPerson 2,X-2\nPerson 1,X-1\n")
    with pytest.raises(InvalidInput) as refused:
        import_rows(db, read_rows(path), max_group_size=12)
    assert "row 4, field external_id: 'X-1' repeats row 2" in refused.value.message


def test_after_a_refused_import_the_next_one_on_the_same_connection_works(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(ROWS_HEADER + "Ana Ruiz,A1\nBo Chen,A1\n")
    with pytest.raises(InvalidInput):
        import_rows(db, read_rows(bad), max_group_size=12)
    result = import_rows(db, read_rows(numbered_roster(tmp_path, 2)), max_group_size=12)
    assert result["enrolled"] == 2 and list(result["ids"]) == [1, 2]


@pytest.mark.sqlite_only
def test_a_file_not_utf8_after_its_first_lines_is_refused_before_the_database_is_touched(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"name\nAna Ruiz\n" + b"Bo Chen\n" * 5000 + b"Jos\xe9\n")
    result = cli("enroll", "--from", path)
    assert result.exit_code == 1 and "UTF-8" in result.stderr
    assert not cli.db_path.exists()


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("ids", [range(1, 8), range(0), range(5, 6)])
def test_json_writes_a_range_exactly_as_the_list_it_stands_for(
    monkeypatch: pytest.MonkeyPatch, indent: None | int, ids: range
) -> None:
    monkeypatch.setattr(output, "RANGE_CHUNK", 3)
    data = {"enrolled": len(ids), "ids": ids, "other": range(2, 4), "warnings": ["row 2\x00"]}
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stdout", captured)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: indent is not None)
    output.emit_json(data)
    expected = {**data, "ids": list(ids), "other": [2, 3]}
    assert captured.getvalue() == json.dumps(expected, indent=indent, ensure_ascii=False) + "\n"
