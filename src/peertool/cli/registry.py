"""Each top-level command: the module that defines it, and its one-line summary.

The CLI imports a command's module only when that command runs, so a script
calling `peertool schedule` in a loop never pays for the rest; `peertool
--help` lists the summaries below without importing any command module.
The summaries repeat the first line of each command's docstring, and
tests/test_cli_people.py fails if the two drift apart. The order here is the
order `--help` lists them in.
"""

COMMANDS = {
    "init": ("database", "Create the database (or bring it up to date); safe to run again."),
    "db": ("database", "Where the database is."),
    "config": ("database", "The settings in force."),
    "enroll": ("participants", "Enroll a participant, or a whole roster with --from."),
    "participant": ("participants", "List, show and edit participants."),
    "discharge": ("participants", "Discharge a participant: off the roster and their group; history stays."),
    "group": ("groups", "Create groups and manage their members."),
    "pair": ("partners", "Pair the group's members as peer partners (an exact optimum of the documented score)."),
    "pairs": ("partners", "Show the group's current peer partners, or every pairing with --history."),
    "unpair": ("partners", "Record that a team is not working: the two are not paired again unless --keep names them."),
    "schedule": ("schedule", "Print the 12-month theme schedule, dated for a group or a start date."),
    "meeting": ("meetings", "Record weekly meetings and find them again."),
    "note": ("meetings", "Individual contact notes."),
    "lessons": ("meetings", "List the lesson library (built-in plans plus the config's lessons_file)."),
    "threads": ("meetings", "Rank the threads a group keeps bringing up, by how often and how recently."),
    "prep": ("prep", "The coach's sheet for the group's next meeting: theme, lessons, threads, follow-ups, pairs, "
                     "sign-in."),
    "goal": ("outcomes", "Participants' own goals and their progress."),
    "outing": ("outcomes", "Community outings, with a partner or alone."),
    "budget": ("outcomes", "Activity fund spent and remaining, per participant and for the group."),
    "review": ("outcomes", "Record a continued-stay review and when the next is due."),
    "report": ("outcomes", "Person-centered outcomes: attendance, goals, outings, stage and reviews; attendance by "
                           "month; threads."),
    "audit": ("safety", "Who changed which records, with what command, and when (never the values)."),
    "backup": ("safety", "Make a consistent, checked, private copy of the database, even while others write."),
    "restore": ("safety", "Replace the database with a backup; the current file is backed up first."),
    "export": ("safety", "Export every record, optionally de-identified; files are private (0600)."),
    "demo": ("demo", "Walk through every command on a scratch database with fictional people."),
}
