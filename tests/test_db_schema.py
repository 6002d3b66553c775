"""Every table and column of a freshly migrated database is named by each list that must name it: erasure, the
audit triggers, the exports (identified, de-identified, cut to a period) and the chart, or declared left out
beside that list with the reason. A new table or column fails here until each list says what happens to it."""

import re

import pytest

from peertool.db.connection import Database
from peertool.db.migrations import BOOKKEEPING
from peertool.db.triggers import AUDITED, NOT_AUDITED
from peertool.outcomes import chart
from peertool.people.erasure import _ERASE, _KEPT
from peertool.safety import deidentify
from peertool.safety.coverage import PERIOD, WHOLE
from peertool.safety.export import NOT_EXPORTED, PLANS, TABLES


@pytest.fixture
def schema(db: Database) -> dict[str, list[str]]:
    """Each table that holds records (not BOOKKEEPING), with its columns, as `PRAGMA table_info` reads them."""
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: [col[1] for col in db.execute(f"PRAGMA table_info({name})")] for name in names
            if name not in BOOKKEEPING}  # fmt: skip


def assert_partition(named: set[str], left_out: dict[str, str], every: set[str]) -> None:
    """Each of `every` is named or left out (with a reason), never both, and nothing else is."""
    assert not named & set(left_out), "named and declared left out"
    assert named | set(left_out) == every
    assert all(reason.strip() for reason in left_out.values())


def test_bookkeeping_tables_exist(db: Database) -> None:
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(BOOKKEEPING) <= names


def test_erasure_names_every_table(schema: dict[str, list[str]]) -> None:
    assert_partition({table for table, _ in _ERASE}, _KEPT, set(schema))


def test_erasure_follows_every_link_to_a_participant(db: Database) -> None:
    """Each column that points at a participant is in its table's erasure condition (else `delete` breaks a link)."""
    for table, where in _ERASE:
        links = {row[3] for row in db.execute(f"PRAGMA foreign_key_list({table})") if row[2] == "participants"}
        assert {column for column in links if not re.search(rf"\b{column}\b", where)} == set(), table


def test_auditing_names_every_table_by_a_column_it_has(schema: dict[str, list[str]]) -> None:
    assert_partition(set(AUDITED), NOT_AUDITED, set(schema))
    assert all(key in schema[table] for table, key in AUDITED.items())


def test_the_identified_export_names_every_table(schema: dict[str, list[str]]) -> None:
    assert_partition({*TABLES, PLANS}, NOT_EXPORTED, set(schema))


def test_every_exported_table_is_cut_to_a_period_or_declared_whole(schema: dict[str, list[str]]) -> None:
    exported = {*TABLES, PLANS}
    assert_partition(set(PERIOD), WHOLE, exported)


def test_the_deidentified_profile_names_every_table(schema: dict[str, list[str]]) -> None:
    profiled = {deidentify.SOURCE.get(name, name) for name in deidentify.PROFILE} | {"meeting_threads"}
    assert_partition(profiled, deidentify.NOT_DEIDENTIFIED, set(schema))


@pytest.mark.parametrize("name", sorted(deidentify.PROFILE) + ["meeting_threads"])
def test_the_deidentified_profile_names_every_column(schema: dict[str, list[str]], name: str) -> None:
    """Each stored column is exported (as a code, a pseudonym, a date or scrubbed notes) or withheld with a reason."""
    spec = deidentify.PROFILE.get(name, deidentify.THREADS)
    exported = {stored for _, stored, _ in spec if stored != "*"} | set(deidentify.NOTES.get(name, []))
    withheld = deidentify.WITHHELD.get(name, {})
    assert_partition(exported, withheld, set(schema[deidentify.SOURCE.get(name, name)]))


def test_the_chart_names_every_table(schema: dict[str, list[str]]) -> None:
    assert_partition(set(chart.CHARTED), chart.NOT_CHARTED, set(schema))


def test_the_chart_names_every_column_of_a_person_and_a_goal(schema: dict[str, list[str]]) -> None:
    assert_partition(set(chart.PERSON_KEYS) - {"discharges"}, chart.PERSON_LEFT_OUT, set(schema["participants"]))
    assert_partition(set(chart.GOAL_KEYS) - {"updates"}, chart.GOAL_LEFT_OUT, set(schema["goals"]))
