"""Which module defines each top-level command, in the order `--help` lists them.

The CLI imports a command's module only when that command runs (or when
`--help` lists them all), so a script calling `peertool schedule` in a loop
never pays for the rest.
"""

COMMANDS = {
    "init": "database", "db": "database", "config": "database",
    "enroll": "participants", "participant": "participants", "discharge": "participants",
    "group": "groups",
    "pair": "partners", "pairs": "partners", "unpair": "partners",
    "schedule": "schedule",
    "meeting": "meetings", "note": "meetings", "lessons": "meetings", "threads": "meetings",
    "prep": "prep",
    "goal": "outcomes", "outing": "outcomes", "budget": "outcomes", "review": "outcomes", "report": "outcomes",
    "audit": "safety", "backup": "safety", "restore": "safety", "export": "safety",
    "demo": "demo",
}
