"""Finding other members' names in a person's own record, so their chart never names anyone else.

A full name is found in any case; a first name of three letters or more only
as a capitalised word (so "will" in a sentence is not taken for Will). Only
the people a person shared a group, a drop-in program or an activity with
are looked for, and never a name the person shares.
"""

import re
from typing import Any

from peertool.db.connection import Database

REDACTED = "[another member]"


def other_members(db: Database, pid: int) -> list[str]:
    """The names of everyone who was ever in a group with the participant, enrolled in a drop-in program with them
    at an overlapping time (a drop-in has no members: its visitors share the room), or at an activity with them."""
    rows = db.execute(
        """SELECT p.name FROM participants p WHERE p.id != :p AND p.id IN (
             SELECT b.participant_id FROM memberships a JOIN memberships b ON b.group_id = a.group_id
             WHERE a.participant_id = :p
             UNION SELECT b.participant_id FROM program_enrollments a JOIN program_enrollments b
               ON b.program = a.program AND b.enrolled_on <= coalesce(a.ended_on, '9999-12-31')
              AND a.enrolled_on <= coalesce(b.ended_on, '9999-12-31')
             WHERE a.participant_id = :p
             UNION SELECT b.participant_id FROM activity_people a
               JOIN activity_people b ON b.activity_id = a.activity_id WHERE a.participant_id = :p)""",
        {"p": pid},
    )
    return [row[0] for row in rows]


def finder(names: list[str], own_name: str) -> re.Pattern[str] | None:
    """One pattern that finds any of `names` (full, or a capitalised first name), or None when there are none."""
    own = set(own_name.split())
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = name.split()
        if not words:
            continue
        parts.append(r"(?i:\b" + r"\s+".join(re.escape(word) for word in words) + r"\b)")
        if len(words[0]) >= 3 and words[0] not in own:
            parts.append(rf"\b{re.escape(words[0])}\b")
    return re.compile("|".join(parts)) if parts else None


def found(pattern: re.Pattern[str] | None, texts: list[str | None]) -> list[str]:
    """The names `pattern` finds in the texts, as written there."""
    if pattern is None:
        return []
    return sorted({match.group(0) for text in texts if text for match in pattern.finditer(text)})


def redact(value: Any, pattern: re.Pattern[str] | None) -> Any:
    """`value` with every name `pattern` finds in its text replaced, through dicts and lists."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, dict):
        return {key: redact(item, pattern) for key, item in value.items()}
    if isinstance(value, list):
        return [redact(item, pattern) for item in value]
    return value
