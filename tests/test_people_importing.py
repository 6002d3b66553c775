from pathlib import Path

import pytest

from peertool.db.connection import Database
from peertool.errors import InvalidInput, NotFound
from peertool.people import groups
from peertool.people.importing import import_rows, read_rows

from helpers import EXAMPLES

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
