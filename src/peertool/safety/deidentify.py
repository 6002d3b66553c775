"""The de-identified export: people, groups and meetings by keyed pseudonyms, codes instead of text.

A pseudonym is an HMAC-SHA256, under the database's pseudonym key (or the
`pseudonym_key_file`, so a rebuilt database keeps them), of what makes a
record the same record across databases: a person's external id, or their
name and enrollment date; a group's name and start; a meeting's group and
date. Record ids never appear, so an identified listing cannot re-link them.

The default profile ("codes") carries no free text at all: genders as
male/female/other/unrecorded, discharge reasons and goal domains as codes,
dates as months unless `dates="exact"`. With notes, free text is kept but
scrubbed (see `scrub`).
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertool.db.connection import Database
from peertool.db.tables import every_row
from peertool.errors import ConfigError, shown
from peertool.safety.scrub import folded, scrubber

if TYPE_CHECKING:
    from peertool.safety.coverage import Period
    from peertool.settings import Settings

Rows = list[dict[str, Any]]
Row = dict[str, Any]


def pseudonym_key(db: Database, settings: "Settings") -> str:
    """The key pseudonyms are made with: the key file's (created, 0600, if missing), else the database's."""
    if settings.pseudonym_key_file:
        return _key_from_file(Path(settings.pseudonym_key_file), settings.file_bytes)
    return str(db.execute("SELECT value FROM settings WHERE key = 'pseudonym_key'").fetchone()[0])


def _key_from_file(path: Path, max_bytes: int) -> str:
    from peertool.files import existing_kind, make_private_folders, read_text, write_private

    if existing_kind(path) is None:
        make_private_folders(path.parent)
        write_private(path, (secrets.token_hex(32) + "\n").encode())
    if existing_kind(path) != "file":
        raise ConfigError(f"pseudonym_key_file {shown(path, 200)} is not a regular file.")
    key = read_text(path, "pseudonym_key_file", missing=ConfigError, unreadable=ConfigError, max_bytes=max_bytes)
    key = key.strip()
    if len(key) < 32:
        raise ConfigError(f"pseudonym_key_file {shown(path, 200)} holds too short a key (32 characters at least).")
    return key


def fingerprint(key: str) -> str:
    """A short public fingerprint of the key: two exports with the same one share pseudonyms."""
    return hashlib.sha256(f"peertool pseudonym key\x1f{key}".encode()).hexdigest()[:16]


class Pseudonyms:
    """Keyed, cached pseudonyms for every kind of record an export mentions."""

    def __init__(self, key: str):
        self.key = key.encode()
        self.cache: dict[tuple[str, Any], str] = {}

    def of(self, prefix: str, identity: str) -> str:
        digest = hmac.new(self.key, identity.encode(), hashlib.sha256).hexdigest()
        return f"{prefix}-{digest[:10].upper()}"

    def lookup(self, kind: str, record_id: Any) -> str | None:
        """The pseudonym of a record by its id, made on first use from its table and id."""
        if record_id is None:
            return None
        found = self.cache.get((kind, record_id))
        if found is None:
            found = self.cache[(kind, record_id)] = self.of("R", f"{kind}:{record_id}")
        return found


def pseudonyms(db: Database, settings: "Settings") -> tuple[Pseudonyms, str]:
    """Every person's, group's and meeting's pseudonym, made once, and the key's fingerprint."""
    key = pseudonym_key(db, settings)
    names = Pseudonyms(key)
    _people(db, names)
    _groups_and_meetings(db, names)
    return names, fingerprint(key)


def _people(db: Database, names: Pseudonyms) -> None:
    """Person pseudonyms from external id, or name and enrollment date (an ordinal tells namesakes apart)."""
    seen: dict[str, int] = {}
    for pid, name_key, enrolled_on, external_id in db.execute(
        "SELECT id, name_key, enrolled_on, external_id FROM participants ORDER BY id"
    ):
        if external_id:
            identity = f"external:{external_id}"
        else:
            base = f"person:{name_key}|{enrolled_on}"
            seen[base] = seen.get(base, 0) + 1
            identity = base if seen[base] == 1 else f"{base}|{seen[base]}"
        names.cache[("person", pid)] = names.of("P", identity)


def _groups_and_meetings(db: Database, names: Pseudonyms) -> None:
    groups = {}
    for gid, name_key, start_on in db.execute("SELECT id, name_key, start_on FROM peer_groups"):
        groups[gid] = f"group:{name_key}|{start_on}"
        names.cache[("group", gid)] = names.of("G", groups[gid])
    for mid, gid, held_on in db.execute("SELECT id, group_id, held_on FROM meetings"):
        names.cache[("meeting", mid)] = names.of("M", f"{groups.get(gid)}|meeting|{held_on}")


# table -> (output columns, how each is made from the stored row); every table also gets site_id first.
_DATE = "date"
# The kinds of record a pseudonym stands for.
_PSEUDONYMIZED = ("person", "group", "meeting", "goal", "pairing", "note", "outing", "review", "measure",
                  "connection", "screening", "event", "community", "activity")  # fmt: skip
PROFILE: dict[str, list[tuple[str, str, str]]] = {
    # (output column, stored column, kind): kinds are a pseudonym kind, "date", "code:<name>" or "keep"
    "participants": [("person", "id", "person"), ("gender", "gender", "code:gender"),
                     ("referral", "referral", "keep"), ("enrolled_on", "enrolled_on", _DATE),
                     ("status", "status", "end:status"), ("stage", "stage", "keep"),
                     ("discharged_on", "discharged_on", "end:discharged_on"),
                     ("discharge_reason", "*", "code:discharge")],
    "groups": [("group", "id", "group"), ("start_on", "start_on", _DATE), ("weekday", "weekday", "keep"),
               ("program", "program", "keep"), ("days", "days", "keep")],
    "memberships": [("group", "group_id", "group"), ("person", "participant_id", "person"),
                    ("joined_on", "joined_on", _DATE), ("left_on", "left_on", _DATE)],
    # Status and attainment as the period leaves them; set and achieved in it (1 or 0): "achieved in Q2" counts.
    "goals": [("goal", "id", "goal"), ("person", "participant_id", "person"), ("domain", "domain", "code:domain"),
              ("status", "status", "end:goal_status"), ("created_on", "created_on", _DATE),
              ("attainment", "attainment", "end:goal_attainment"), ("treatment_link", "treatment_goal", "code:present"),
              ("set_in_period", "created_on", "in_period"), ("achieved_in_period", "status", "end:goal_achieved")],
    "goal_updates": [("goal", "goal_id", "goal"), ("updated_on", "updated_on", _DATE), ("status", "status", "keep"),
                     ("attainment", "attainment", "keep")],
    "pairings": [("pairing", "id", "pairing"), ("group", "group_id", "group"), ("paired_on", "paired_on", _DATE)],
    "pairing_pairs": [("pairing", "pairing_id", "pairing"), ("first", "first_id", "person"),
                      ("second", "second_id", "person")],
    "team_breaks": [("group", "group_id", "group"), ("first", "first_id", "person"),
                    ("second", "second_id", "person"), ("recorded_on", "recorded_on", _DATE)],
    "meetings": [("meeting", "id", "meeting"), ("group", "group_id", "group"), ("held_on", "held_on", _DATE),
                 ("month", "month", "keep"), ("mode", "mode", "keep"), ("duration", "duration", "keep")],
    "attendance": [("meeting", "meeting_id", "meeting"), ("person", "participant_id", "person"),
                   ("present", "present", "keep"), ("status", "status", "keep"), ("minutes", "minutes", "keep")],
    "attendee_notes": [("meeting", "meeting_id", "meeting"), ("person", "participant_id", "person"),
                       ("goal", "goal_id", "goal"), ("homework", "homework", "keep")],
    "contact_notes": [("note", "id", "note"), ("person", "participant_id", "person"),
                      ("noted_on", "noted_on", _DATE), ("mode", "mode", "keep"), ("minutes", "minutes", "keep"),
                      ("goal", "goal_id", "goal")],
    "contact_interventions": [("note", "note_id", "note"), ("code", "code", "keep")],
    "community_contacts": [("community", "id", "community"), ("group", "group_id", "group"),
                           ("noted_on", "noted_on", _DATE), ("mode", "mode", "keep"), ("minutes", "minutes", "keep"),
                           ("audience", "audience", "keep")],
    "outings": [("outing", "id", "outing"), ("group", "group_id", "group"), ("held_on", "held_on", _DATE),
                ("cost_cents", "cost_cents", "keep"), ("with_coach", "with_coach", "keep"),
                ("discount_cents", "discount_cents", "keep"), ("paid_by", "paid_by", "keep")],
    "outing_people": [("outing", "outing_id", "outing"), ("person", "participant_id", "person"),
                      ("share_cents", "share_cents", "keep")],
    "reviews": [("review", "id", "review"), ("person", "participant_id", "person"),
                ("reviewed_on", "reviewed_on", _DATE), ("progressing", "progressing", "keep"),
                ("wants_to_continue", "wants_to_continue", "keep"), ("next_due", "next_due", _DATE),
                ("more_to_try", "more_to_try", "keep"), ("goals_met", "goals_met", "keep")],
    "measures": [("measure", "id", "measure"), ("person", "participant_id", "person"),
                 ("instrument", "instrument", "keep"), ("taken_on", "taken_on", _DATE), ("answers", "answers", "keep"),
                 ("score", "score", "keep")],
    # Kinds and dates only: what a connection is called is never exported de-identified, even with notes.
    "connections": [("connection", "id", "connection"), ("person", "participant_id", "person"),
                    ("kind", "kind", "keep"), ("setting", "setting", "keep"), ("started_on", "started_on", _DATE),
                    ("ended_on", "ended_on", _DATE)],
    # Codes and dates only: never the services text or the treatment team's contact.
    "screenings": [("screening", "id", "screening"), ("person", "participant_id", "person"),
                   ("screened_on", "screened_on", _DATE), ("definition", "definition_id", "definition"),
                   ("outcome", "outcome", "keep")],
    "screening_answers": [("screening", "screening_id", "screening"), ("kind", "kind", "keep"),
                          ("code", "code", "keep"), ("answer", "answer", "keep")],
    # Kind and month only, whatever `dates` says: where a person went, and what was written, never leave.
    "events": [("event", "id", "event"), ("person", "participant_id", "person"), ("kind", "kind", "keep"),
               ("month", "happened_on", "month")],
    "program_enrollments": [("person", "participant_id", "person"), ("program", "program", "keep"),
                            ("enrolled_on", "enrolled_on", _DATE), ("ended_on", "ended_on", _DATE)],
    # Month and amount only, whatever `dates` says: what the money was for can name a person's needs.
    # Every discharge and readmission (a person readmitted and discharged again has two rows).
    "discharges": [("person", "participant_id", "person"), ("discharged_on", "discharged_on", _DATE),
                   ("reason", "*", "code:reason"), ("readmitted_on", "readmitted_on", _DATE),
                   ("discharged_in_period", "discharged_on", "in_period"),
                   ("readmitted_in_period", "readmitted_on", "in_period")],
    "support": [("person", "participant_id", "person"), ("group", "group_id", "group"),
                ("month", "given_on", "month"), ("amount_cents", "amount_cents", "keep")],
    # Kind, month, how many came and whether it was mainstream: never its title, place or staff.
    "activities": [("activity", "id", "activity"), ("group", "group_id", "group"), ("kind", "kind", "keep"),
                   ("month", "held_on", "month"), ("people", "id", "count:people"),
                   ("mainstream", "mainstream", "keep")],
}  # fmt: skip
SOURCE = {"groups": "peer_groups"}
AS_LEFT = "end:"  # a value as the period leaves it: made from the whole row (`coverage.period_values`)
# Free text kept, scrubbed, with --include-notes.
NOTES = {
    "goals": ["text"],
    "goal_updates": ["note"],
    "meetings": ["lesson", "notes", "homework"],
    "contact_notes": ["text", "intervention", "response", "plan"],
    "attendee_notes": ["response", "text"],
    "outings": ["activity", "note"],
    "reviews": ["note"],
    "team_breaks": ["reason"],
    "meeting_threads": ["tag"],
}
THREADS = [("meeting", "meeting_id", "meeting")]

# What the codes profile leaves out, and why (tests/test_db_schema.py: each table, and each column of a profiled
# table, is in PROFILE, THREADS or NOTES, or here).
NOT_DEIDENTIFIED = {
    "audit": "who changed what, by their user name on this computer",
    "signatures": "signers' names",
    "addenda": "free text written about a record, never scrubbed",
    "wellness_plans": "the person's own words, never de-identified",
    "definitions": "the definition's wording, no one's record: each screening carries its version",
    "activity_people": "who came to an activity: counted in activities' people, never listed",
    "staff": "staff names, credentials and logins are personal: never in a de-identified export",
    "cosign_draws": "which records a supervisor co-signs: supervision of staff, not the person's care",
    "supervision_sessions": "supervision time between named staff: personal, never de-identified",
}
_NAMES = "names the person or group"
_ROW_ID = "this database's row id: rows are told apart by the pseudonyms and dates exported"
_CADENCE = "the coach's review schedule for the person (0019): each review's next_due is exported"
_STAFF = "which staff member (0026): staff are never named in a de-identified export"
_SINCE_0010 = "added by 0010 (teams of three, or with the coach), after the profile: not in it"
_MADE_BY = "which staff member made the record (0027): staff are never named in a de-identified export"
WITHHELD = {
    "participants": {"name": _NAMES, "name_key": _NAMES, "phone": _NAMES, "email": _NAMES, "external_id": _NAMES,
                     "interests": "free text about the person, not a code",
                     "discharge_reason": "free text: exported as its code, discharge_reason",
                     "discharge_reason_code": "exported as discharge_reason",
                     **dict.fromkeys(("review_every_days", "reviews_off", "next_review_on"), _CADENCE),
                     "staff_id": _STAFF},
    "groups": {"name": _NAMES, "name_key": _NAMES, "coach": _NAMES, "location": "where the group meets",
               "time": "when the group meets", "uid": "the group's calendar id",
               "schedule_version": "calendar bookkeeping", "schedule_changed_at": "calendar bookkeeping",
               "schedule_history": "calendar bookkeeping", "coach_id": _STAFF},
    "memberships": {"id": _ROW_ID},
    "goal_updates": {"id": _ROW_ID},
    "pairings": {"seed": "the solver's draw: it reproduces a pairing only with the names"},
    "pairing_pairs": {"id": _ROW_ID, "third_id": _SINCE_0010, "with_coach": _SINCE_0010,
                      "reasons": "why two named people were paired"},
    "team_breaks": {"id": _ROW_ID, "after_pairing_id": _ROW_ID},
    "meetings": {"theme": "the curriculum's theme of the month, which is exported",
                 "start_time": "the time of day a group meets", "signed": "the coach's paperwork, not an outcome"},
    "attendee_notes": {"id": _ROW_ID},
    "reviews": {"signed": "the coach's paperwork, not an outcome"},
    "contact_notes": {"start_time": "the time of day: minutes are exported", "end_time": "the time of day: minutes "
                      "are exported", "location": "where the person was met",
                      "signed": "the coach's paperwork, not an outcome"},
    "connections": {"text": "what a connection is called is never exported de-identified, even with notes"},
    "screenings": {"screened_by": "who screened, by their user name on this computer",
                   "services_text": "free text about the person's other services, never exported de-identified",
                   "team_contact": "names the person's treatment team", "team_consent": "goes with team_contact"},
    "screening_answers": {"id": _ROW_ID},
    "events": {"to_text": "where a person was referred or admitted: it can name them", "note": "free text",
               "recorded_by": "the coach's user name on this computer",
               "closes_id": "which stay a return closes: the kinds and months show it, a link would need row ids"},
    "contact_interventions": {"id": _ROW_ID},
    "discharges": {"id": _ROW_ID, "reason": "free text: exported as its code, reason", "reason_code": "exported as "
                   "reason", "signed": "the coach's paperwork, not an outcome", "staff_id": _MADE_BY},
    "program_enrollments": {"id": _ROW_ID},
    "support": {"id": _ROW_ID, "purpose": "free text: what the fund paid for (a clinic fee, a bus to a place) can "
                "name a need, a service or a place; never exported de-identified, even with notes",
                "note": "free text"},
    "activities": {"title": "free text that can name a place or a person", "place": "where people went",
                   "staff": "names the staff who went", "note": "free text",
                   "cost_cents": "the fund's spending, not an outcome: `budget` counts it",
                   "paid_by": "the fund's spending, not an outcome: `budget` counts it"},
    "community_contacts": {"location": "where the coach met them", "text": "free text about people not enrolled, "
                           "who agreed to nothing: never exported de-identified, even with notes"},
}  # fmt: skip
for _table in ("contact_notes", "community_contacts", "meetings", "activities", "outings", "reviews", "measures"):
    WITHHELD.setdefault(_table, {})["staff_id"] = _MADE_BY


def columns(table: str, include_notes: bool) -> list[str]:
    """The columns of a de-identified table, in order: every table has a header, even an empty one."""
    spec = PROFILE.get(table, THREADS if table == "meeting_threads" else [])
    return ["site_id", *(out for out, _, _ in spec), *(NOTES.get(table, []) if include_notes else [])]


def deidentified_source(
    db: Database, settings: "Settings", period: "Period", *, include_notes: bool, dates: str
) -> tuple[dict[str, list[str]], Callable[[str], Iterator[Row]], str]:
    """The codes profile (and scrubbed notes if asked): each table's columns, a function that reads a
    table's rows one at a time, and the key's fingerprint."""
    from peertool.safety.coverage import period_values, site_id

    names, key_print = pseudonyms(db, settings)
    makers = _makers(db, settings, names, dates, scrubber(db) if include_notes else None)
    makers.update(period_values(db, period, makers[_DATE]))
    site = site_id(db, settings)
    tables = list(PROFILE) + (["meeting_threads"] if include_notes else [])

    def rows(table: str) -> Iterator[Row]:
        spec = PROFILE.get(table, THREADS)
        notes = NOTES.get(table, []) if include_notes else []
        source = SOURCE.get(table, table)
        for raw in every_row(db, source, *period.where(source)):
            yield _row(raw, spec, notes, makers, site)

    return {table: columns(table, include_notes) for table in tables}, rows, key_print


def _row(raw: Row, spec: list[tuple[str, str, str]], notes: list[str], makers: dict[str, Any], site: str) -> Row:
    row: Row = {"site_id": site}
    for out, stored, kind in spec:
        row[out] = makers[kind](raw if stored == "*" or kind.startswith(AS_LEFT) else raw.get(stored))
    for column in notes:
        row[column] = makers["scrub"](raw.get(column))
    return row


def _makers(
    db: Database, settings: "Settings", names: Pseudonyms, dates: str, scrub: Callable[[str], str] | None
) -> dict[str, Callable[[Any], Any]]:
    """How each kind of output value is made from the stored one."""
    from peertool.outcomes.activities import people_counts
    from peertool.pairing.solver import gender_class
    from peertool.people.discharges import reason_code

    def gender(value: Any) -> str:
        return gender_class(value) or ("other" if value else "unrecorded")

    makers: dict[str, Callable[[Any], Any]] = {
        "keep": lambda value: value,
        _DATE: (lambda value: value) if dates == "exact" else (lambda value: value[:7] if value else value),
        "code:gender": gender,
        "code:reason": lambda raw: raw.get("reason_code") or reason_code(raw.get("reason") or ""),
        "code:domain": domain_coder(settings.goal_domains),
        "definition": dict(db.execute("SELECT id, version FROM definitions").fetchall()).get,
        "code:present": lambda value: 0 if value is None else 1,
        "month": lambda value: value[:7] if value else value,
        "count:people": _counter(people_counts(db)),
    }
    if scrub is not None:
        makers["scrub"] = lambda value: scrub(value) if isinstance(value, str) else value
    for kind in _PSEUDONYMIZED:
        makers[kind] = _pseudonymizer(names, kind)
    return makers


def _counter(counts: dict[int, int]) -> Callable[[Any], int]:
    return lambda value: counts.get(value, 0)


def _pseudonymizer(names: Pseudonyms, kind: str) -> Callable[[Any], str | None]:
    return lambda value: names.lookup(kind, value)


def domain_coder(vocabulary: list[str]) -> Callable[[Any], str | None]:
    """Map a goal's free-text domain to the vocabulary: the same word, or one that starts the other ("transport")."""
    words = {re.sub(r"[^a-z]", "", folded(word)): word for word in vocabulary}

    def code(value: Any) -> str | None:
        if not value:
            return None
        typed = re.sub(r"[^a-z]", "", folded(str(value)))
        for key, word in words.items():
            if typed == key or (min(len(typed), len(key)) >= 4 and (key.startswith(typed) or typed.startswith(key))):
                return word
        return "other"

    return code
