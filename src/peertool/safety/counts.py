"""The counts export (issue 30, part 4): only aggregates, each table protected on its own (`disclosure`).

A funder needs how many, never who. `export --counts` writes one table per measure, for the period, each a grid
of counts with its margins: people served and attendance by group and month, retention by program, goals set and
achieved by domain and month, discharges by reason and month, contacts by intervention and mode, service units
by billing line, intervention and mode and month, connections active at the period's end by setting and
kind, and each instrument's outcome change. Groups appear by their pseudonym (as in a de-identified export),
never by name. Every cell from 1 to `disclosure.min_cell` - 1 is hidden, with complementary cells, so that none
can be solved from the totals; the manifest's suppression log says where cells were hidden, never why (knowing
which are primary could pin a value: see `disclosure`). Units are whole units per cell, so a table of them can be
protected.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, TypedDict

from peertool.safety.disclosure import CountTable, Position, PublishedTable, suppress

if TYPE_CHECKING:
    from peertool.db.connection import Database
    from peertool.safety.coverage import Period
    from peertool.safety.deidentify import Pseudonyms
    from peertool.settings import Settings

Cells = dict[tuple[str, str], int]  # (row, column) -> count
_IN = "BETWEEN :start AND :end"
_PRESENT = f"FROM attendance a JOIN meetings m ON m.id = a.meeting_id WHERE a.present = 1 AND m.held_on {_IN}"


def _by_month(label: str, table: str, day: str) -> str:
    """The count of a table's records by a coded column and the month of their date, for the period."""
    counted = f"coalesce({label}, 'unrecorded'), substr({day}, 1, 7), count(*)"
    return f"SELECT {counted} FROM {table} WHERE {day} {_IN} GROUP BY 1, 2"


# name -> (what a row is, what a column is, the SQL that gives (row, column, count) for the period)
QUERIES = {
    "people_served": ("group", "month", f"SELECT m.group_id, substr(m.held_on, 1, 7), count(DISTINCT a.participant_id) "
                                        f"{_PRESENT} GROUP BY 1, 2"),
    "attendance": ("group", "month", f"SELECT m.group_id, substr(m.held_on, 1, 7), count(*) {_PRESENT} GROUP BY 1, 2"),
    "goals_set": ("domain", "month", _by_month("domain", "goals", "created_on")),
    "discharges": ("reason", "month", _by_month("reason_code", "discharges", "discharged_on")),
    "contacts": ("intervention", "mode", f"""SELECT coalesce(i.code, 'none'), n.mode, count(*) FROM contact_notes n
        LEFT JOIN contact_interventions i ON i.note_id = n.id WHERE n.noted_on {_IN} GROUP BY 1, 2"""),
    "connections": ("setting", "kind", """SELECT coalesce(setting, 'unclassified'), kind, count(*) FROM connections
        WHERE started_on <= :end AND (ended_on IS NULL OR ended_on > :end) GROUP BY 1, 2"""),
}  # fmt: skip
# The tables counted in Python, from histories a query cannot walk: (what a row is, what a column is).
WALKED = {"retention": ("program", "at the period's end"), "goals_achieved": ("domain", "month"),
          "units": ("billing line/intervention/mode", "month")}  # fmt: skip


class Outcome(TypedDict):
    """An instrument's change over the period: how many people were measured twice or more, and their mean change
    (null when fewer than `min_cell` were, as a mean of a few people can be theirs)."""

    instrument: str
    people: int | None
    mean_change: float | None


class CountsTable(TypedDict):
    """One published table of the counts export, with what its rows and columns are."""

    name: str
    row: str
    column: str
    table: PublishedTable


def count_tables(db: Database, settings: Settings, period: Period, names: Pseudonyms
                 ) -> tuple[list[CountsTable], list[Position]]:  # fmt: skip
    """Every table of counts for the period, suppressed, and the suppression log (positions only)."""
    counted: dict[str, tuple[str, str, Cells]] = {}
    for name, (row, column, sql) in QUERIES.items():
        cells: Cells = defaultdict(int)
        for key, col, count in db.execute(sql, period.bounds()):
            cells[(str(names.lookup("group", key) if row == "group" else key), str(col))] += int(count)
        counted[name] = (row, column, cells)
    counted["retention"] = (*WALKED["retention"], _retention(db, period))
    counted["goals_achieved"] = (*WALKED["goals_achieved"], _achieved(db, period))
    counted["units"] = (*WALKED["units"], _units(db, settings, period))
    tables: list[CountsTable] = []
    log: list[Position] = []
    for name, (row, column, cells) in counted.items():
        done = suppress(_table(name, cells), settings.min_cell)
        tables.append({"name": name, "row": row, "column": column, "table": done["table"]})
        log += [{"table": e["table"], "row": e["row"], "column": e["column"]} for e in done["log"]]
    return tables, log


def _retention(db: Database, period: Period) -> Cells:
    """Of the members of a program's groups at some time in the period, those still in one at its end and not
    discharged then, by program (a drop-in's people are enrolled in its program, not members: not counted here)."""
    from peertool.safety.coverage import discharged_at_end

    bounds = period.bounds()
    away = discharged_at_end(db, period)
    stays: dict[tuple[str, int], bool] = {}
    for program, person, left in db.execute(
        """SELECT coalesce(g.program, 'iml'), s.participant_id, s.left_on FROM memberships s
           JOIN peer_groups g ON g.id = s.group_id WHERE s.joined_on <= :end AND (s.left_on IS NULL
           OR s.left_on >= :start)""",
        bounds,
    ):
        staying = (left is None or left > bounds["end"]) and person not in away
        stays[(program, person)] = stays.get((program, person), False) or staying
    cells: Cells = defaultdict(int)
    for (program, _), staying in stays.items():
        cells[(program, "retained" if staying else "left")] += 1
    return cells


def _achieved(db: Database, period: Period) -> Cells:
    """Goals achieved in the period by domain and the month they first were, as a de-identified export's
    `achieved_in_period` counts them (`coverage.goals_at_end`)."""
    from peertool.safety.coverage import goals_at_end

    domains = dict(db.execute("SELECT id, domain FROM goals").fetchall())
    cells: Cells = defaultdict(int)
    for goal, state in goals_at_end(db, period).items():
        if state.achieved_on is not None:
            cells[(domains.get(goal) or "unrecorded", state.achieved_on[:7])] += 1
    return cells


def outcomes(db: Database, period: Period, min_cell: int) -> list[Outcome]:
    """Each instrument's mean change (latest score minus first) over the people measured twice in the period."""
    changes: dict[str, list[float]] = defaultdict(list)
    rows = db.execute(
        f"""SELECT instrument, participant_id, score FROM measures WHERE taken_on {_IN} AND score IS NOT NULL
            ORDER BY instrument, participant_id, taken_on, id""",
        period.bounds(),
    )
    first: dict[tuple[str, int], float] = {}
    last: dict[tuple[str, int], tuple[float, int]] = {}
    for instrument, person, score in rows:
        key = (instrument, person)
        first.setdefault(key, float(score))
        taken = last.get(key, (0.0, 0))[1] + 1
        last[key] = (float(score), taken)
    for (instrument, person), (score, taken) in last.items():
        if taken >= 2:
            changes[instrument].append(score - first[(instrument, person)])
    result: list[Outcome] = []
    for instrument in sorted({key[0] for key in last}):
        measured = changes.get(instrument, [])
        shown = len(measured) == 0 or len(measured) >= min_cell
        mean = round(sum(measured) / len(measured), 2) if measured and shown else None
        result.append({"instrument": instrument, "people": len(measured) if shown else None, "mean_change": mean})
    return result


def _units(db: Database, settings: Settings, period: Period) -> Cells:
    """Service units billed in the period, as `report` bills them (`billing.count_by`), by billing line,
    intervention and mode (one row each: `H0038/advocacy/phone`; a meeting's `H0038-HQ/group session/group`) and
    month.

    One table, so that no total is published twice: a table by billing line beside one by intervention would share
    their totals, and a unit count hidden in one could be solved from the other. Units are billed by the day (a
    person's minutes of a day added, then rounded), so a day's units cannot go whole to each of its contacts: they
    are shared by minutes among the day's contacts, and a contact's share evenly among its interventions ("none"
    if it has none); with `count_by: record`, a contact's share is its own units. The table is in whole units, each
    billing line's month adding up to its units billed (`_whole`).
    """
    from peertool.outcomes.service_units import coded, service_records

    bounds = period.bounds()
    shares: dict[tuple[str, str], float] = defaultdict(float)
    days: dict[tuple[int, str], tuple[float, str]] = {}  # a person's day of contacts: its units, its billing line
    for person, day, line, units, code in coded(service_records(db, settings, (bounds["start"], bounds["end"]),
                                                                None, None), settings):  # fmt: skip
        if line == "group":
            shares[(f"{code}/group session/group", day[:7])] += units
        else:
            days[(person, day)] = (days.get((person, day), (0.0, code))[0] + units, code)
    contacts = _contacts(db, period)
    minutes_of_day: dict[tuple[int, str], int] = defaultdict(int)
    for person, day, minutes, _, _ in contacts:
        minutes_of_day[(person, day)] += minutes
    for person, day, minutes, mode, codes in contacts:
        if (person, day) not in days:  # not served that day (after a discharge): nothing was billed
            continue
        units, code = days[(person, day)]
        share = float(settings.units(minutes) or 0) if settings.count_by == "record" else (
            units * minutes / minutes_of_day[(person, day)])  # fmt: skip
        for intervention in codes or ["none"]:
            shares[(f"{code}/{intervention}/{mode}", day[:7])] += share / len(codes or ["none"])
    return _whole(shares)


def _contacts(db: Database, period: Period) -> list[tuple[int, str, int, str, list[str]]]:
    """Each timed contact of the period: its person, day, minutes, mode and interventions."""
    contacts: dict[int, tuple[int, str, int, str, list[str]]] = {}
    for note, person, day, minutes, mode, code in db.execute(
        f"""SELECT n.id, n.participant_id, n.noted_on, n.minutes, n.mode, i.code FROM contact_notes n
            LEFT JOIN contact_interventions i ON i.note_id = n.id
            WHERE n.minutes IS NOT NULL AND n.noted_on {_IN} ORDER BY n.id, i.code""",
        period.bounds(),
    ):
        contacts.setdefault(note, (person, day, minutes, mode, []))[4].extend([code] if code else [])
    return list(contacts.values())


def _whole(shares: dict[tuple[str, str], float]) -> Cells:
    """Shares of units as whole units, each billing line's month adding up to its total rounded (largest remainder
    within it): each cell rounded alone could add up to more or fewer units than were billed."""
    line_months: dict[tuple[str, str], dict[tuple[str, str], float]] = defaultdict(dict)
    for (row, month), units in shares.items():
        if units:
            line_months[(row.partition("/")[0], month)][(row, month)] = units
    return {cell: whole for shared in line_months.values() for cell, whole in _rounded(shared).items()}


def _rounded(shares: dict[tuple[str, str], float]) -> Cells:
    """Shares as whole numbers that add up to their total rounded, the remainder to the largest fractions."""
    whole = {cell: math.floor(share + 1e-9) for cell, share in shares.items()}
    missing = round(sum(shares.values())) - sum(whole.values())
    for cell in sorted(shares, key=lambda c: (whole[c] - shares[c], str(c)))[: max(missing, 0)]:
        whole[cell] += 1
    return whole


def _table(name: str, cells: Cells) -> CountTable:
    rows = sorted({row for row, _ in cells})
    columns = sorted({column for _, column in cells})
    return {"name": name, "rows": rows, "columns": columns,
            "cells": [[cells.get((row, column), 0) for column in columns] for row in rows]}  # fmt: skip
