"""Build an agency-sized peertool database for the benchmarks.

1,000 groups of 10, so 10,000 participants; 50 weekly meetings per group
(50,000 meetings) with attendance for all ten (500,000 rows), a thread or
two per meeting, a pairing per group, a goal per participant and a few
outings. Staff: a coach per group (coaching it, its members assigned to
them), a supervisor per 20 coaches and a director, each with a login
(`coachN`, `supervisorN`, `director`). All data is fictional and made up
from counters.

Run: python benchmarks/generate.py PATH [--groups N]
"""

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from peertool.db.backends import open_database  # noqa: E402

THREADS = ["isolation", "money", "sleep", "work", "transportation", "housing", "anxiety", "family", "worship"]
LESSONS = ["Calming Skills", "Starting a Conversation", "Listening Well", "Goals in Your Own Words"]


def generate(path: Path, groups: int = 1000, size: int = 10, meetings: int = 50) -> dict:
    """Write the database at `path` (which must not exist) and return its row counts."""
    db = open_database(path, create=True)
    conn = db.conn
    draw = random.Random(2026)
    conn.execute("BEGIN IMMEDIATE")
    pid = 0
    for g in range(1, groups + 1):
        start = dt.date(2025, 1, 6) + dt.timedelta(days=g % 300)
        conn.execute(
            "INSERT INTO peer_groups (id, name, name_key, start_on, weekday, time, location) "
            "VALUES (?, ?, ?, ?, ?, '18:00', 'Room B')",
            (g, f"Group {g}", f"group {g}", start.isoformat(), start.weekday()),
        )
        members = []
        for _ in range(size):
            pid += 1
            members.append(pid)
            conn.execute(
                "INSERT INTO participants (id, name, name_key, gender, interests, enrolled_on) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    pid,
                    f"Person {pid}",
                    f"person {pid}",
                    draw.choice(["male", "female", None]),
                    '["hiking", "music"]',
                    start.isoformat(),
                ),
            )
        conn.executemany(
            "INSERT INTO memberships (group_id, participant_id, joined_on) VALUES (?, ?, ?)",
            [(g, p, start.isoformat()) for p in members],
        )
        conn.executemany(
            "INSERT INTO goals (participant_id, text, created_on, attainment) VALUES (?, 'Take the bus', ?, ?)",
            [(p, start.isoformat(), draw.randint(-2, 2)) for p in members],
        )
        _recovery(conn, draw, start, members)
        _meetings(conn, draw, g, start, members, meetings)
        pairing = conn.execute(
            "INSERT INTO pairings (group_id, paired_on, seed) VALUES (?, ?, 0)", (g, start.isoformat())
        ).lastrowid
        conn.executemany(
            "INSERT INTO pairing_pairs (pairing_id, first_id, second_id) VALUES (?, ?, ?)",
            [(pairing, members[i], members[i + 1]) for i in range(0, size - 1, 2)],
        )
        outing = conn.execute(
            "INSERT INTO outings (group_id, held_on, activity, cost_cents) VALUES (?, ?, 'Museum', 1800)",
            (g, (start + dt.timedelta(days=20)).isoformat()),
        ).lastrowid
        conn.executemany(
            "INSERT INTO outing_people (outing_id, participant_id, share_cents) VALUES (?, ?, 900)",
            [(outing, members[0]), (outing, members[1])],
        )
    _staff(conn, groups)
    conn.commit()
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("peer_groups", "participants", "meetings", "attendance", "staff")
    }
    conn.execute("PRAGMA optimize")
    conn.close()
    return counts


def _staff(conn, groups: int, team: int = 20) -> None:
    """A director; a supervisor per `team` coaches; coach N coaches group N and has its members assigned."""
    rows = [(1, "Director", "director", "MSW", "director", None)]
    supervisors = -(-groups // team)
    rows += [(1 + s, f"Supervisor {s}", "supervisor", "LCSW", f"supervisor{s}", 1) for s in range(1, supervisors + 1)]
    first = 2 + supervisors  # coach N has id first + N - 1
    rows += [(first + g - 1, f"Coach {g}", "coach", "CPS", f"coach{g}", 2 + (g - 1) // team)
             for g in range(1, groups + 1)]  # fmt: skip
    conn.executemany(
        "INSERT INTO staff (id, name, name_key, role, credential, login, supervisor_id, started_on) "
        "VALUES (?, ?, lower(?), ?, ?, ?, ?, '2025-01-01')",
        [(sid, name, name, role, credential, login, boss) for sid, name, role, credential, login, boss in rows],
    )
    conn.execute("UPDATE peer_groups SET coach = 'Coach ' || id, coach_id = ? + id - 1", [first])
    conn.execute(
        "UPDATE participants SET staff_id = ? + (SELECT group_id FROM memberships m"
        " WHERE m.participant_id = participants.id AND m.left_on IS NULL) - 1",  # memberships_one_active_group
        [first],
    )


def _recovery(conn, draw, start, members) -> None:
    """A WHO-5 every 3 months of the year, a connection and a two-version wellness plan for each member."""
    for p in members:
        for quarter in range(4):
            answers = [draw.randint(0, 5) for _ in range(5)]
            conn.execute(
                "INSERT INTO measures (participant_id, instrument, taken_on, answers, score) "
                "VALUES (?, 'who5', ?, ?, ?)",
                (p, (start + dt.timedelta(days=91 * quarter)).isoformat(), str(answers), sum(answers)),
            )
        conn.execute(
            "INSERT INTO connections (participant_id, text, kind, setting, started_on) VALUES (?, ?, ?, ?, ?)",
            (p, "Library club", draw.choice(["person", "group", "place", "role"]), "mainstream", start.isoformat()),
        )
        conn.executemany(
            "INSERT INTO wellness_plans (participant_id, version, written_at, text) VALUES (?, ?, ?, ?)",
            [(p, v, f"{start}T12:00:00Z", "## Wellness toolbox\nA walk.\n" * v) for v in (1, 2)],
        )


def _meetings(conn, draw, group_id, start, members, count) -> None:
    for week in range(count):
        held_on = (start + dt.timedelta(weeks=week)).isoformat()
        month = min(12, week * 7 // 30 + 1)
        meeting = conn.execute(
            "INSERT INTO meetings (group_id, held_on, month, theme, lesson, homework, mode, duration) "
            "VALUES (?, ?, ?, 'Self-Care', ?, 'Practice', 'in-person', 90)",
            (group_id, held_on, month, draw.choice(LESSONS)),
        ).lastrowid
        conn.executemany(
            "INSERT INTO attendance (meeting_id, participant_id, present, status) VALUES (?, ?, ?, ?)",
            [(meeting, p, here, "present" if here else "absent") for p in members for here in [draw.random() < 0.85]],
        )
        conn.executemany(
            "INSERT INTO meeting_threads (meeting_id, tag) VALUES (?, ?)",
            [(meeting, tag) for tag in draw.sample(THREADS, 2)],
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--groups", type=int, default=1000)
    options = parser.parse_args()
    if options.path.exists():
        parser.error(f"{options.path} exists; give a new path")
    print(generate(options.path, options.groups))
