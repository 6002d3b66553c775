"""What is due of each person: continued-stay reviews, outcome measures, intake screenings, signatures (of
contact notes, reviews and discharges, and of meetings).

Each rule is the one the rest of peertool keeps: reviews by `people.reviews.next_reviews` (which `prep` reads
through `reviews_due`), measures by `outcomes.measures.due` (as `prep`), screenings by
`people.intake.unscreened` (as `note lint`), and a record's signature is due `notes.sign_within_days` after its
date (`sign_by`, which `note lint` reads through `unsigned`).
"""

from __future__ import annotations

import datetime as dt
import functools
import shlex
from typing import TYPE_CHECKING, Any, TypedDict

from peertool.db.ids import in_ids
from peertool.vocab import DueKind

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

    from peertool.db.connection import Database
    from peertool.outcomes.due_scope import DueItem, Scoped, Source
    from peertool.outcomes.shapes import ReviewDue
    from peertool.people.shapes import Named
    from peertool.settings import Settings

SIGN_AS = ["--as", "NAME, CREDENTIAL"]  # left out with staff defined: `sign` signs as the current member


def command(*words: object) -> str:
    """A command line as a shell reads it: each word quoted when it needs to be (`shlex.join`; an id, a number,
    never needs it, and the same words recur on thousands of lines: each is quoted once)."""
    return " ".join(["peertool", *(str(word) if type(word) is int else _quoted(str(word)) for word in words)])


@functools.lru_cache(maxsize=4096)
def _quoted(word: str) -> str:
    return shlex.quote(word)


def reviews_due(db: Database, settings: Settings, people: Sequence[Mapping[str, Any]], until: str, *,
                everyone: bool = False) -> list[ReviewDue]:  # fmt: skip
    """Whose continued-stay review is due on or before `until`, in the order of `people` (someone with none due,
    because reviews are off or they no longer wish to continue, is on no list). `everyone`: `people` are every
    active participant."""
    from peertool.people.reviews import next_reviews

    due = next_reviews(db, people, settings.review_interval_days, everyone=everyone)
    return [
        {"id": p["id"], "name": p["name"], "due": when}
        for p in people
        if (when := due[p["id"]]) is not None and when <= until
    ]


def _reviews(scoped: Scoped) -> list[DueItem]:
    answers = ["--progressing", "yes/no", "--wants-to-continue", "yes/no"]
    return [
        scoped.item(DueKind.review, found["due"], command("review", found["id"], *answers), person=found)
        for found in reviews_due(
            scoped.db, scoped.settings, scoped.people, scoped.until.isoformat(), everyone=scoped.everyone
        )
    ]


def _measures(scoped: Scoped) -> list[DueItem]:
    from peertool.outcomes import instruments as kit
    from peertool.outcomes.measures import due

    found = due(scoped.db, scoped.settings, scoped.people, scoped.until, everyone=scoped.everyone)
    known = kit.load(scoped.settings) if found else {}
    items = []
    for entry in found:
        answers = ",".join(["N"] * kit.find(known, entry["instrument"])["items"])
        settle = command("measure", "add", entry["id"], entry["instrument"], "--answers", answers)
        items.append(scoped.item(DueKind.measure, entry["due"], settle, person=entry))
    return items


def _intake(scoped: Scoped) -> list[DueItem]:
    from peertool.people.intake import unscreened

    people = None if scoped.everyone else [p["id"] for p in scoped.people]
    return [
        scoped.item(DueKind.intake, enrolled, command("intake", pid), person={"id": pid, "name": name})
        for pid, name, enrolled in unscreened(scoped.db, people=people)
    ]


class Unsigned(TypedDict):
    """A record nobody has signed: a contact note, review or discharge (its person) or a meeting (its group), its
    date, and the staff member who made it, whose signature it awaits (None: made before staff, or without)."""

    kind: str
    id: int
    date: str
    participant: Named | None
    group: Named | None
    author: int | None


def sign_by(day: str, settings: Settings) -> str:
    """The date by which a record of `day` is to be signed (`notes.sign_within_days` later)."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=settings.sign_within_days)).isoformat()


_NOTES = """SELECT n.id, n.noted_on, p.id, p.name, n.staff_id FROM contact_notes n
            JOIN participants p ON p.id = n.participant_id
            WHERE n.signed = 0 AND n.noted_on BETWEEN ? AND ? {where} AND NOT EXISTS (SELECT 1 FROM signatures s
            WHERE s.record = 'note' AND s.record_id = n.id AND s.role = 'author') ORDER BY n.noted_on, n.id"""
_MEETINGS = """SELECT m.id, m.held_on, g.id, g.name, m.staff_id FROM meetings m JOIN peer_groups g ON g.id = m.group_id
               WHERE m.signed = 0 AND m.held_on BETWEEN ? AND ? {where} AND NOT EXISTS (SELECT 1 FROM signatures s
               WHERE s.record = 'meeting' AND s.record_id = m.id AND s.role = 'author') ORDER BY m.held_on, m.id"""
# Reviews and discharges became signable with staff (issue 28): one a staff member made awaits their signature;
# one made before staff, or without staff, names no one and is not listed (`signed` NULL reads as unsigned).
_SIGNABLE = """SELECT n.id, n.{day}, p.id, p.name, n.staff_id FROM {table} n
               JOIN participants p ON p.id = n.participant_id
               WHERE coalesce(n.signed, 0) = 0 AND n.staff_id IS NOT NULL AND n.{day} BETWEEN ? AND ? {{where}}
               AND NOT EXISTS (SELECT 1 FROM signatures s WHERE s.record = '{kind}' AND s.record_id = n.id
               AND s.role = 'author') ORDER BY n.{day}, n.id"""
_QUERIES = {"note": _NOTES, "meeting": _MEETINGS,
            "review": _SIGNABLE.format(table="reviews", day="reviewed_on", kind="review"),
            "discharge": _SIGNABLE.format(table="discharges", day="discharged_on", kind="discharge")}  # fmt: skip


def unsigned(db: Database, *, since: str, people: list[int] | None, groups: list[int] | None,
             until: str = "9999-12-31") -> list[Unsigned]:  # fmt: skip
    """Unsigned contact notes, reviews and discharges of `people` and meetings of `groups` (None: everyone's,
    every group's) dated from `since` to `until`. Signed is as `note show` tells it: the record's own mark, or an
    author's signature."""
    found: list[Unsigned] = []
    for kind, record_id, day, whose, author in _unsigned_rows(db, since, until, people, groups):
        found.append({"kind": kind, "id": record_id, "date": day, "author": author,
                      "participant": None if kind == "meeting" else whose,
                      "group": whose if kind == "meeting" else None})  # fmt: skip
    return found


def _unsigned_rows(db: Database, since: str, until: str, people: list[int] | None, groups: list[int] | None
                   ) -> Iterator[tuple[str, int, str, Named, int | None]]:  # fmt: skip
    """`unsigned`'s records as rows (kind, id, date, whose, author): `due --all` reads tens of thousands."""
    for kind, sql in _QUERIES.items():
        where, params = in_ids("m.group_id", groups) if kind == "meeting" else in_ids("n.participant_id", people)
        for record_id, day, owner, name, author in db.execute(sql.format(where=where), [since, until, *params]):
            yield kind, record_id, day, {"id": owner, "name": name}, author


def _signatures(scoped: Scoped) -> list[DueItem]:
    """Records to sign by the last day listed: read only those (dated `sign_within_days` before it, in SQL); the
    settle line of each is its kind's words around its id, and its date is worked out once per day. Each falls
    to its author when it names one (the first signature is theirs), else as any item does."""
    from peertool.people.staff import briefs, staff_defined

    groups = None if scoped.scope is None else [g["id"] for g in scoped.groups]
    last = (scoped.until - dt.timedelta(days=scoped.settings.sign_within_days)).isoformat()
    found = _unsigned_rows(scoped.db, "0001-01-01", last, scoped.record_people(), groups)
    tail = "" if staff_defined(scoped.db) else " " + shlex.join(SIGN_AS)  # with staff, you sign as yourself
    heads = {kind: command(kind, "sign") + " " for kind in _QUERIES}
    days: dict[str, str] = {}
    items, authors = [], []
    for kind, record_id, day, whose, author in found:
        by = days.get(day) or days.setdefault(day, sign_by(day, scoped.settings))
        meeting = kind == "meeting"
        items.append(scoped.item(DueKind.signature, by, heads[kind] + str(record_id) + tail,
                                 person=None if meeting else whose, group=whose if meeting else None))  # fmt: skip
        authors.append(author)
    named = briefs(scoped.db, {author for author in authors if author is not None})
    for item, author in zip(items, authors, strict=True):
        if author is not None:
            item["staff"] = named[author]
    return items


SOURCES: list[Source] = [_reviews, _measures, _intake, _signatures]
