"""CSV that cannot attack a spreadsheet, and imports that keep what the file says (issue 13)."""

import csv
import io
from pathlib import Path

import pytest

from peertool.people.importing import read_rows
from peertool.render.output import spreadsheet_cell

from helpers import Cli

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_is_prefixed_with_a_quote(text: str) -> None:
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [12, -5, "-5", "-12.50", "3.0", "", None, "Ada Quill", "a=b"])
def test_plain_numbers_and_text_stay_as_they_are(value: int | str | None) -> None:
    assert spreadsheet_cell(value) == ("" if value is None else str(value))


def test_every_csv_peertool_writes_is_inert(riverside: Cli, env: Path) -> None:
    riverside.ok("enroll", FORMULAS[0], "--group", "Riverside")
    riverside.ok("meeting", "record", "Riverside", "--date", "2026-03-10", "--notes", "=1+1 said the coach")
    for args in (["--format", "csv"], ["--deidentify", "--include-notes", "--format", "csv"]):
        out = env / ("csv-" + str(len(args)))
        riverside.ok("export", *args, "--out", out)
        for path in out.glob("*.csv"):
            for row in csv.reader(io.StringIO(path.read_text())):
                assert not any(cell[:1] in ("=", "+", "@", "\t", "\r") for cell in row), (path.name, row)


def roster(tmp_path: Path, text: str, name: str = "roster.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


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


def test_a_file_that_is_not_utf8_is_refused_with_the_fix(cli: Cli, tmp_path: Path) -> None:
    path = roster(tmp_path, "name\nZoë Brun\n", encoding="cp1252")
    result = cli("enroll", "--from", path)
    assert result.exit_code == 1 and "CSV UTF-8" in result.stderr


def test_yaml_scalars_stay_as_typed(tmp_path: Path) -> None:
    path = roster(tmp_path, "- name: Ada Quill\n  external_id: 0017\n  gender: no\n  phone: off\n", "r.yaml")
    assert list(read_rows(path)) == [{"name": "Ada Quill", "external_id": "0017", "gender": "no", "phone": "off"}]


def test_rows_are_numbered_as_the_spreadsheet_numbers_them(cli: Cli, tmp_path: Path) -> None:
    path = roster(tmp_path, "name,enrolled_on\nAda Quill,2026-01-05\nBram Oakes,2026-02-30\n")
    result = cli("enroll", "--from", path)
    assert result.exit_code == 1 and "row 3" in result.stderr and "header is row 1" in result.stderr


@pytest.mark.slow
def test_formula_names_stay_inert_in_libreoffice(riverside: Cli, env: Path) -> None:
    import shutil
    import subprocess
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
