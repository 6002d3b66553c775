"""Measured recovery for the report: each person's change on each instrument, their community connections, and
their goal attainment, with the group's summary of each.

"Completing activities does not indicate positive outcomes": these are the
outcomes. Every figure names the records it comes from (measure ids, and
counts that `measure list`, `connection list` and `goal list` reproduce).
"""

from statistics import mean
from typing import TYPE_CHECKING, TypedDict

from peertool.db.connection import Database
from peertool.outcomes import instruments as kit
from peertool.people.connections import MonthEnd, Split, Ties, counted, month_ends, summaries, unclassified

if TYPE_CHECKING:
    from peertool.settings import Settings


class Point(TypedDict):
    """One measure taken: its id, so `measure list` shows where it comes from."""

    id: int
    date: str
    score: float
    percent: float | None


class Change(TypedDict):
    """First and latest of one person's scores on one instrument, and what the change means."""

    instrument: str
    first: Point
    latest: Point
    change: float | None
    unit: str
    meaningful: bool | None
    improved: bool | None
    low: bool | None
    range: list[int] | None
    scores: list[Point]


class GroupChange(TypedDict):
    instrument: str
    people: int
    mean_change: float
    unit: str
    improved: int
    worsened: int


class GroupTies(Split):
    """The group's connections at the period's end and at each month's end, by setting."""

    people_with_any: int
    by_month: list[MonthEnd]


class Attainment(TypedDict):
    """Goals rated, their mean attainment, and how many reached the expected outcome (0) or better."""

    rated: int
    mean: float | None
    at_or_above_expected: int


class PersonRecovery(TypedDict):
    measures: list[Change]
    connections: Ties | None
    attainment: Attainment


class GroupRecovery(TypedDict):
    measures: list[GroupChange]
    connections: GroupTies
    attainment: Attainment


class Recovery(TypedDict):
    """Measured recovery over a period: per person (by id), and the group's summary."""

    people: dict[int, PersonRecovery]
    group: GroupRecovery


class PeriodGoal(TypedDict):
    """A goal someone had in the period, with its status and latest attainment rating as of its end."""

    id: int
    participant_id: int
    status: str
    attainment: int | None


class _Tracked(PeriodGoal):
    closed_before: bool


def build(db: Database, settings: "Settings", ids: list[int], start: str, end: str) -> Recovery:
    """{"people": {id: {"measures", "connections", "attainment"}}, "group": {...}} for the report's period."""
    known = kit.load(settings)
    measures = measure_changes(db, known, ids, start, end)
    ends = month_ends(start, end)
    ties = summaries(db, ids, ends, end)
    attainment = _attainment(goals_in_period(db, ids, start, end))
    people: dict[int, PersonRecovery] = {
        pid: {
            "measures": measures.get(pid, []),
            "connections": ties.get(pid),
            "attainment": _attainment_summary(attainment.get(pid, [])),
        }
        for pid in ids
    }
    return {
        "people": people,
        "group": {
            "measures": group_measures(measures),
            "connections": _group_connections(list(ties.values()), ends),
            "attainment": _attainment_summary([r for ratings in attainment.values() for r in ratings]),
        },
    }


def measure_changes(
    db: Database, known: dict[str, kit.Instrument], ids: list[int], start: str, end: str
) -> dict[int, list[Change]]:
    """Each person's change on each instrument over the period (`change`), by id: the report's and the director's
    view's."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    series: dict[tuple[int, str], list[Point]] = {}
    for mid, pid, instrument, taken_on, total in db.execute(
        f"""SELECT id, participant_id, instrument, taken_on, score FROM measures
            WHERE participant_id IN ({marks}) AND taken_on BETWEEN ? AND ? ORDER BY taken_on, id""",
        [*ids, start, end],
    ):
        definition = known.get(kit.key(instrument))
        point: Point = {
            "id": mid,
            "date": taken_on,
            "score": kit.number(total),
            "percent": kit.percent(definition, total),
        }
        series.setdefault((pid, instrument), []).append(point)
    found: dict[int, list[Change]] = {}
    for (pid, instrument), points in series.items():
        found.setdefault(pid, []).append(change(known.get(kit.key(instrument)), instrument, points))
    return found


def change(definition: kit.Instrument | None, instrument: str, points: list[Point]) -> Change:
    """First and latest of one person's scores on one instrument, and what the change means.

    The change is in percentage points for an instrument that reports a
    percentage (WHO-5), else in score points. It is meaningful at the
    instrument's `meaningful_change` or more; improved follows its direction.
    """
    first, latest = points[0], points[-1]
    scale = "percent" if definition is not None and definition["percent"] else "score"
    delta = round(_on(latest, scale) - _on(first, scale), 2) if len(points) > 1 else None
    threshold = definition["meaningful_change"] if definition is not None else None
    meaningful = None if delta is None or threshold is None else abs(delta) >= threshold
    better = -1 if definition is not None and definition["lower_is_better"] else 1
    return {
        "instrument": instrument,
        "first": first,
        "latest": latest,
        "change": kit.number(delta) if delta is not None else None,
        "unit": "percentage points" if scale == "percent" else "points",
        "meaningful": meaningful,
        "improved": None if not meaningful or delta is None else delta * better > 0,
        "low": kit.low(definition, latest["score"]),
        "range": _range(definition, scale),
        "scores": points,
    }


def _on(point: Point, scale: str) -> float:
    """A point's value on the change's scale (a percent only for an instrument that reports one)."""
    value = point["percent"] if scale == "percent" else point["score"]
    if value is None:
        raise ValueError(f"measure {point['id']} has no {scale}")
    return value


def _range(definition: kit.Instrument | None, scale: str) -> list[int] | None:
    """The range the change's scale runs over, for drawing it (None: an instrument no longer defined)."""
    if definition is None:
        return None
    return [0, 100] if scale == "percent" else list(kit.score_range(definition))


def group_measures(measures: dict[int, list[Change]]) -> list[GroupChange]:
    """Per instrument, the mean change of the people measured twice or more, and how many improved or worsened."""
    by_instrument: dict[str, list[Change]] = {}
    for changes in measures.values():
        for item in changes:
            if item["change"] is not None:
                by_instrument.setdefault(item["instrument"], []).append(item)
    return [
        {
            "instrument": instrument,
            "people": len(items),
            "mean_change": round(mean(i["change"] for i in items if i["change"] is not None), 2),
            "unit": items[0]["unit"],
            "improved": sum(1 for i in items if i["improved"] is True),
            "worsened": sum(1 for i in items if i["improved"] is False),
        }
        for instrument, items in sorted(by_instrument.items())
    ]


def _group_connections(people: list[Ties], ends: list[str]) -> GroupTies:
    """Everyone's connections summed, at the period's end and at each month's end."""
    months = [[p["by_month"][i] for p in people] for i in range(len(ends))]
    return {
        **_summed(people),
        "people_with_any": sum(1 for p in people if p["active"]),
        "by_month": [{"month_end": end, **_summed(month)} for end, month in zip(ends, months, strict=True)],
    }


def _summed(splits: "list[Ties] | list[MonthEnd]") -> Split:
    return counted(*(sum(s[key] for s in splits) for key in ("active", "mainstream", "program")))


def unclassified_warnings(db: Database, ids: list[int], start: str, end: str) -> list[str]:
    """A warning naming the connections counted apart from the mainstream share, and the command that fixes it."""
    found = unclassified(db, ids, month_ends(start, end)) if ids else []
    if not found:
        return []
    listed = ", ".join(map(str, found))
    return [
        f"{len(found)} connection(s) in this period are neither mainstream nor program (id {listed}), so the "
        "mainstream share leaves them out: classify each with `peertool connection edit ID --mainstream` or "
        "`--program`."
    ]


CLOSED = ("achieved", "dropped")


def goals_in_period(db: Database, ids: list[int], start: str, end: str) -> list[PeriodGoal]:
    """The goals people had in the period: set by its end, and not achieved or dropped before it began.

    Each comes with its status and its latest attainment rating as of the
    period's end, read from its dated updates (so a later update never
    changes an earlier period's figures): {"id", "participant_id", "status",
    "attainment"}. `goal list` shows the updates they come from.
    """
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    goals: dict[int, _Tracked] = {}
    for goal_id, pid, on, status, rated in db.execute(
        f"""SELECT g.id, g.participant_id, u.updated_on, u.status, u.attainment FROM goals g
            LEFT JOIN goal_updates u ON u.goal_id = g.id AND u.updated_on <= ?
            WHERE g.participant_id IN ({marks}) AND g.created_on <= ? ORDER BY g.id, u.updated_on, u.id""",
        [end, *ids, end],
    ):
        goal = goals.setdefault(goal_id, {"id": goal_id, "participant_id": pid, "status": "active",
                                           "attainment": None, "closed_before": False})  # fmt: skip
        if on is None:
            continue
        goal["status"] = status
        goal["attainment"] = goal["attainment"] if rated is None else rated
        if on < start:
            goal["closed_before"] = status in CLOSED
    return [
        {"id": goal["id"], "participant_id": goal["participant_id"], "status": goal["status"],
         "attainment": goal["attainment"]}
        for goal in goals.values()
        if not goal["closed_before"]
    ]  # fmt: skip


def _attainment(goals: list[PeriodGoal]) -> dict[int, list[int]]:
    """Each person's attainment ratings, one per rated goal."""
    found: dict[int, list[int]] = {}
    for goal in goals:
        if goal["attainment"] is not None:
            found.setdefault(goal["participant_id"], []).append(goal["attainment"])
    return found


def _attainment_summary(ratings: list[int]) -> Attainment:
    """Goals rated, their mean attainment, and how many reached the expected outcome (0) or better."""
    return {
        "rated": len(ratings),
        "mean": round(mean(ratings), 2) if ratings else None,
        "at_or_above_expected": sum(1 for r in ratings if r >= 0),
    }
