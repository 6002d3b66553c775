"""Intake screening: which service criteria a person meets, each exclusion with its answer, and who screened.

A screening is saved whatever it concludes (the history is the record an
auditor reads): `eligible` (at least one criterion met, no exclusion), or
`excluded` (an exclusion answered yes), or `not-eligible` (no criterion met).
Someone whose latest screening did not pass cannot join a group or be
marked there at a meeting until a later screening passes. Someone never
screened is not blocked, so databases kept before screening existed keep
working; `note lint` lists the active ones. Each screening keeps the
version of the definition it was made under, with that version's wording.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from peertool import validate
from peertool.db.connection import Database
from peertool.db.ids import in_ids
from peertool.db.store import insert, rows, write
from peertool.definition import canonical, code_in, fingerprint, from_stored
from peertool.errors import ConfigError, InvalidInput, shown
from peertool.people.scope import resolve_participant
from peertool.vocab import SERVICE_KINDS

if TYPE_CHECKING:
    from peertool.definition import Definition
    from peertool.people.shapes import Named, Summary


class Criterion(TypedDict):
    code: str
    text: str


class Exclusion(Criterion):
    answer: str  # "yes": it applies


class Services(TypedDict):
    kinds: list[str]
    text: str | None


class TeamContact(TypedDict):
    consent: bool
    text: str


class Screening(TypedDict):
    """An item of `intake list`."""

    id: int
    participant: Named
    date: str
    screened_by: str
    definition_version: str
    outcome: str
    admitted: bool
    criteria_met: list[Criterion]
    exclusions: list[Exclusion]
    services: Services
    team_contact: TeamContact | None


class Screened(Screening):
    """`intake`."""

    warnings: list[str]


def screen(
    db: Database,
    ref: object,
    *,
    definition: Definition,
    meets: list[str],
    exclusions: dict[str, str],
    service_kinds: list[str] | None = None,
    services_text: str | None = None,
    team_contact: str | None = None,
    team_consent: str | None = None,
    on: str | None = None,
    future: bool = False,
) -> Screened:
    """Record a screening of the person REF names under `definition`; saved whatever its outcome."""
    met = _criteria(definition, meets)
    answered = _exclusions(definition, exclusions)
    kinds = _kinds(service_kinds or [])
    consent = None if team_consent is None else validate.yes_no("team_consent", team_consent)
    contact = validate.text("team_contact", team_contact, max_len=300)
    if contact is not None and consent is not True:
        raise InvalidInput("team_contact: kept only if the person agrees; add --team-consent yes.")
    day = validate.not_after_today("date", validate.date_or_today("date", on), future=future)
    outcome = "excluded" if any(answered.values()) else "eligible" if met else "not-eligible"

    with write(db):
        person = resolve_participant(db, ref)
        values = {"participant_id": person["id"], "screened_on": day, "screened_by": db.audit_user(),
                  "definition_id": definition_id(db, definition, day), "outcome": outcome,
                  "services_text": validate.text("services", services_text), "team_contact": contact,
                  "team_consent": None if consent is None else int(consent)}  # fmt: skip
        sid = insert(db, "screenings", values)
        answers = [("criterion", code, 1) for code in met]
        answers += [("exclusion", code, int(yes)) for code, yes in answered.items()]
        answers += [("service", kind, 1) for kind in kinds]
        for kind, code, answer in answers:
            insert(db, "screening_answers", {"screening_id": sid, "kind": kind, "code": code, "answer": answer})
    return {**_load(db, "s.id = ?", [sid])[0], "warnings": _warnings(db, person["id"], outcome)}


def _criteria(definition: Definition, meets: list[str]) -> list[str]:
    """The service criteria met, as defined (`none`: none of them); an unknown code lists the criteria."""
    typed = [code.strip() for given in meets for code in given.split(",") if code.strip()]
    if [code.casefold() for code in typed] == ["none"]:
        return []
    if not typed or "none" in (code.casefold() for code in typed):
        raise InvalidInput("meets: give the service criteria met (e.g. B,C), or none alone.")
    criteria = definition["service_criteria"]
    found = [code_in(criteria, code) for code in typed]
    if None in found:
        unknown = typed[found.index(None)]
        raise InvalidInput(f"meets: {shown(unknown)} is not a service criterion of {definition['version']}.",
                           hint=_listed(criteria))  # fmt: skip
    return sorted({code for code in found if code is not None}, key=list(criteria).index)


def _exclusions(definition: Definition, given: dict[str, str]) -> dict[str, bool]:
    """Every exclusion of the definition with its answer (True: it applies); none may be left unanswered."""
    defined = definition["exclusions"]
    answered: dict[str, bool] = {}
    for typed, answer in given.items():
        code = code_in(defined, typed)
        if code is None:
            raise InvalidInput(f"exclusion: {shown(typed)} is not an exclusion of {definition['version']}.",
                               hint=_listed(defined))  # fmt: skip
        answered[code] = validate.yes_no(f"exclusion {code}", answer)
    missing = [code for code in defined if code not in answered]
    if missing:
        raise InvalidInput(f"exclusion {missing[0]} is not answered; every exclusion is screened (yes or no).",
                           hint=_listed(defined))  # fmt: skip
    return {code: answered[code] for code in defined}


def _kinds(kinds: list[str]) -> list[str]:
    chosen = list(dict.fromkeys(validate.choice("service_kind", kind, SERVICE_KINDS) for kind in kinds))
    if "none" in chosen and len(chosen) > 1:
        raise InvalidInput("service_kind: none cannot go with another kind of service.")
    return chosen


def _listed(section: dict[str, str]) -> str:
    return "Codes: " + "; ".join(f"{code}: {text}" for code, text in section.items())


def _warnings(db: Database, pid: int, outcome: str) -> list[str]:
    """An excluded person still in a group is named (by id) so the coach can act."""
    if outcome == "eligible":
        return []
    row = db.execute("SELECT group_id FROM memberships WHERE participant_id = ? AND left_on IS NULL", [pid]).fetchone()
    if row is None:
        return []
    return [f"participant {pid} is still a member of group {row[0]}; they cannot be marked present at its "
            f"meetings until a screening passes (`peertool group remove {row[0]} {pid}` if they leave)."]  # fmt: skip


def definition_id(db: Database, definition: Definition, on: str) -> int:
    """The stored row of the definition's version, made on first use; the same version with other wording is a
    config error (exit 5): a record keeps the wording it was screened under."""
    digest = fingerprint(definition)
    row = db.execute("SELECT id, sha256 FROM definitions WHERE version = ?", [definition["version"]]).fetchone()
    if row is None:
        return insert(db, "definitions", {"version": definition["version"], "content": canonical(definition),
                                          "sha256": digest, "first_used_on": on})  # fmt: skip
    if row[1] != digest:
        raise ConfigError(
            f"definition_file: version {shown(definition['version'])} is already in this database with other "
            "wording; nothing was saved.",
            hint="Give the changed definition a new `version`: records keep the wording they were screened under.",
        )
    return int(row[0])


_SELECT = """SELECT s.*, p.name, d.version, d.content FROM screenings s JOIN participants p ON p.id = s.participant_id
             JOIN definitions d ON d.id = s.definition_id"""


def _load(db: Database, where: str, params: list[object]) -> list[Screening]:
    """Screenings with their answers in the wording of the version each was made under, oldest first."""
    found = rows(db, f"{_SELECT} WHERE {where} ORDER BY s.screened_on, s.id", params)
    answers: dict[int, list[tuple[str, str, int]]] = {row["id"]: [] for row in found}
    if found:
        marks = ",".join("?" * len(found))
        for sid, kind, code, answer in db.execute(
            f"SELECT screening_id, kind, code, answer FROM screening_answers WHERE screening_id IN ({marks}) "
            "ORDER BY id", list(answers)):  # fmt: skip
            answers[sid].append((kind, code, answer))
    return [_shaped(row, answers[row["id"]]) for row in found]


def _shaped(row: dict[str, Any], answers: list[tuple[str, str, int]]) -> Screening:
    definition = from_stored(row["content"])
    criteria, excluded = definition["service_criteria"], definition["exclusions"]
    contact = row["team_contact"]
    return {
        "id": row["id"],
        "participant": {"id": row["participant_id"], "name": row["name"]},
        "date": row["screened_on"],
        "screened_by": row["screened_by"],
        "definition_version": row["version"],
        "outcome": row["outcome"],
        "admitted": row["outcome"] == "eligible",
        "criteria_met": [{"code": c, "text": criteria.get(c, "")} for k, c, _ in answers if k == "criterion"],
        "exclusions": [
            {"code": c, "text": excluded.get(c, ""), "answer": "yes" if a else "no"}
            for k, c, a in answers
            if k == "exclusion"
        ],  # fmt: skip
        "services": {"kinds": [c for k, c, _ in answers if k == "service"], "text": row["services_text"]},  # fmt: skip
        "team_contact": None if contact is None else {"consent": True, "text": contact},
    }


def history(db: Database, ref: object | None = None) -> list[Screening]:
    """`intake list`: one person's screenings (REF), or everyone's, oldest first (re-screening keeps them all)."""
    if ref is None:
        return _load(db, "TRUE", [])
    return _load(db, "s.participant_id = ?", [resolve_participant(db, ref)["id"]])


def latest(db: Database, pid: int, on: str | None = None) -> Screening | None:
    """The person's latest screening on or before `on` (default: any date), or None: not screened."""
    found = _load(db, "s.participant_id = ? AND s.screened_on <= ?", [pid, on or "9999-12-31"])
    return found[-1] if found else None


def summary(screening: Screening | None) -> Summary | None:
    """The short form of a screening `participant show` carries (None: not screened)."""
    if screening is None:
        return None
    return {
        "id": screening["id"],
        "date": screening["date"],
        "outcome": screening["outcome"],
        "admitted": screening["admitted"],
        "criteria_met": [c["code"] for c in screening["criteria_met"]],
        "exclusions_yes": [e["code"] for e in screening["exclusions"] if e["answer"] == "yes"],
        "definition_version": screening["definition_version"],
    }


def refuse_unless_admitted(db: Database, pid: int, on: str, doing: str) -> None:
    """The admission gate: refuse `doing` for someone whose latest screening by `on` did not pass (never
    screened passes, see the module). Names ids and codes only, never what was written."""
    found = latest(db, pid, on)
    if found is None or found["admitted"]:
        return
    applies = [e["code"] for e in found["exclusions"] if e["answer"] == "yes"]
    why = f"exclusion {', '.join(applies)} applies" if applies else "they meet none of the service criteria"
    raise InvalidInput(
        f"participant {pid} is not admitted ({doing}): screened on {found['date']}, {why}.",
        hint=f"A later screening that passes admits them: `peertool intake {pid} ...`.",
    )


def unscreened(db: Database, group_id: int | None = None, people: list[int] | None = None
               ) -> list[tuple[int, str, str]]:  # fmt: skip
    """Active people with no screening (id, name, enrolled on), of one group's current members, of `people` (by
    id), or everyone."""
    where, params = in_ids("p.id", people)
    if group_id is not None:
        where, params = (
            "AND p.id IN (SELECT participant_id FROM memberships WHERE group_id = ? AND left_on IS NULL)",
            [group_id],
        )
    sql = f"""SELECT p.id, p.name, p.enrolled_on FROM participants p WHERE p.status = 'active'
              AND NOT EXISTS (SELECT 1 FROM screenings s WHERE s.participant_id = p.id)
              {where} ORDER BY p.id"""
    return [(row[0], row[1], row[2]) for row in db.execute(sql, params)]
