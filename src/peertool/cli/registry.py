"""Each top-level command: the CLI module that defines it, and its one-line summary.

This is the one place a command's summary is written. `--help` lists these
summaries without importing any command module, and each command's own
help starts with its summary (see `command` and `group_app`), followed by
its docstring. The CLI imports a command's module only when that command
runs, so a script calling `peertool schedule` in a loop never pays for the
rest. The order here is the order `--help` lists them in.
"""

COMMANDS = {
    "init": ("db", "Create the database (or bring it up to date); safe to run again."),
    "db": ("db", "Where the database is."),
    "config": ("db", "The settings in force."),
    "enroll": ("people.participants", "Enroll a participant, or a whole roster with --from."),
    "participant": ("people.participants", "List, show, chart and edit participants."),
    "intake": (
        "people.intake",
        "Screen a participant against the service definition's criteria: admitted, or not and why.",
    ),
    "discharge": (
        "people.participants",
        "Discharge a participant: off the roster and their group; history stays.",
    ),
    "group": ("people.groups", "Create groups and manage their members."),
    "staff": ("people.staff", "The staff: coaches, supervisors and the director, their logins, and who you are."),
    "pair": ("pairing", "Pair the group's members as peer partners (an exact optimum of the documented score)."),
    "pairs": ("pairing", "Show the group's current peer partners, or every pairing with --history."),
    "unpair": (
        "pairing",
        "Record that a team is not working: the two are not paired again unless --keep names them.",
    ),
    "schedule": ("program.schedule", "Print the 12-month theme schedule, dated for a group or a start date."),
    "meeting": ("program.meetings", "Record weekly meetings, each attendee's note, and sign them."),
    "note": ("people.contacts", "Documented contacts: times, goal, interventions, response, plan; sign, amend, lint."),
    "contact": ("people.community", "Community education with providers or natural supports: counted, never billed."),
    "lessons": ("program.lessons", "List the lesson library (built-in plans plus the config's lessons_file)."),
    "threads": ("program.threads", "Rank the threads a group keeps bringing up, by how often and how recently."),
    "prep": (
        "outcomes.prep",
        "The coach's sheet for the group's next meeting: theme, lessons, threads, follow-ups, pairs, sign-in.",
    ),
    "due": (
        "outcomes.due",
        "One list of what is due or overdue: reviews, measures, signatures, meetings nobody recorded, absences.",
    ),
    "supervise": (
        "outcomes.supervise",
        "A supervisor's co-signatures (queue, stats per supervisee) and supervision time (log).",
    ),
    "goal": ("people.goals", "Participants' own goals, their progress and their attainment (-2 to 2)."),
    "measure": ("outcomes.measures", "Outcome measures (WHO-5 built in, a program's own added): scored over time."),
    "connection": (
        "people.connections",
        "Natural supports and community connections a participant builds, mainstream or program.",
    ),
    "plan": ("people.plans", "A participant's private wellness and crisis plan, kept in versions."),
    "event": (
        "people.events",
        "Escalations, referrals, hospitalizations and returns, incidents: dated and attributed.",
    ),
    "activity": (
        "program.activities",
        "A program's activities (recreational, spiritual, educational, skills, community) and who came.",
    ),
    "outing": ("outcomes.outings", "Community outings: alone, with a partner, in a group, or with the coach."),
    "support": ("outcomes.support", "Activity fund support that is not an outing: a bus pass, a class fee."),
    "budget": ("outcomes.outings", "Activity fund spent (outings and support) and remaining, per participant."),
    "review": ("people.reviews", "Record a continued-stay review and when the next is due."),
    "report": (
        "outcomes.report",
        "Person-centered outcomes: measured change, connections, goal attainment, attendance, outings, reviews.",
    ),
    "audit": ("db", "Who changed which records, with what command, and when (never the values)."),
    "backup": ("safety.backup", "Make a consistent, checked, private copy of the database, even while others write."),
    "restore": ("safety.backup", "Replace the database with a backup; the current file is backed up first."),
    "export": ("safety.export", "Export every record, optionally de-identified; files are private (0600)."),
    "site": ("safety.export", "This site's key, which signs its exports so a program office can trust them."),
    "demo": ("demo", "Walk through every command on a scratch database with fictional people."),
}


def summary(name: str) -> str:
    """The one-line summary of a top-level command."""
    return COMMANDS[name][1]
