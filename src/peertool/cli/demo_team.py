"""The demo's team: a director, a supervisor and two coaches (fictional), whose records name them, and what is
due on a coach's caseload (`peertool demo`'s last steps, kept apart from its other steps for their length).

Their logins (`demo-...`) match no one's user name, so no one is the current
staff member: each record names its maker with `--staff NAME`, as a coach
does who records for a colleague, and `due --staff NAME` picks the caseload.
"""

_STARTED = ["--date", "2026-01-01"]

# (what the step shows, the arguments, the exit code it should end with), as `demo.STEPS`
TEAM_STEPS: list[tuple[str, list[str], int]] = [
    ("Working as a team: a director, a supervisor and two coaches",
     ["staff", "add", "Ida Moss", "--role", "director", "--credential", "MSW", "--login", "demo-ida", *_STARTED], 0),
    ("", ["staff", "add", "Sol Park", "--role", "supervisor", "--credential", "LCSW", "--login", "demo-sol",
          "--supervisor", "Ida Moss", *_STARTED], 0),
    ("", ["staff", "add", "Rae Lin", "--role", "coach", "--credential", "CPS", "--login", "demo-rae",
          "--supervisor", "Sol Park", *_STARTED], 0),
    ("", ["staff", "add", "Dana Reyes", "--role", "coach", "--credential", "CPS", "--login", "demo-dana",
          "--supervisor", "Sol Park", *_STARTED], 0),
    ("The team", ["staff", "list"], 0),
    ("Rae coaches Riverside; Ada and Dev are on Dana's caseload", ["group", "edit", "Riverside", "--coach", "Rae Lin"],
     0),
    ("", ["participant", "edit", "Ada Quill", "--staff", "Dana Reyes"], 0),
    ("", ["participant", "edit", "Dev Harlan", "--staff", "Dana Reyes"], 0),
    ("Your login is none of theirs (exit 1): records take --staff NAME", ["staff", "whoami"], 1),
    ("", ["note", "add", "Ada Quill", "Checked in about the garden club", "--mode", "phone", "--date", "2026-04-08",
          "--minutes", "15", "--staff", "Dana Reyes"], 0),
    ("", ["review", "Ada Quill", "--progressing", "yes", "--wants-to-continue", "yes", "--date", "2026-04-08",
          "--staff", "Dana Reyes"], 0),
    ("Dana's caseload: what is due, and what settles it (exit 1: overdue)",
     ["due", "--staff", "Dana Reyes", "--date", "2026-04-14"], 1),
]  # fmt: skip
