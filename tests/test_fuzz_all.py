"""Hypothesis over every command's arguments.

Whatever is typed, peertool ends with a documented exit code, never a
traceback, and a refusal never shows participant data the user did not
type: markers planted in names, phones, emails and notes must not appear in
the error output.
"""

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import DOCUMENTED_EXIT_CODES, Cli, plant

MARKERS = ("phimarker", "0199")
A, N, P = "text", "number", "path"  # kinds of argument to draw
COMMANDS = [
    ["enroll", A, "--enrolled-on", A, "--referral", A, "--email", A],
    ["participant", "show", A],
    ["participant", "list", "--status", A, "--group", A],
    ["participant", "edit", A, "--stage", A, "--phone", A],
    ["discharge", A, "--reason", A, "--date", A],
    ["group", "create", A, "--start", A, "--weekday", A, "--time", A],
    ["group", "show", A],
    ["group", "add", A, A],
    ["group", "remove", A, A],
    ["group", "list"],
    ["pair", A, "--seed", N, "--exclude", A, "--avoid", A, "--keep", A],
    ["pairs", A, "--history"],
    ["unpair", A, A, "--reason", A],
    ["schedule", "--start", A, "--on", A, "--format", A],
    ["schedule", "--group", A, "--weekday", A],
    ["meeting", "record", A, "--date", A, "--present", A, "--thread", A, "--duration", N],
    ["meeting", "show", A],
    ["meeting", "edit", A, "--lesson", A, "--absent", A],
    ["meeting", "list", A],
    ["note", "add", A, A, "--date", A, "--mode", A],
    ["note", "list", A],
    ["lessons", "--theme", A],
    ["threads", A, "--since", A],
    ["prep", A, "--date", A, "--format", A],
    ["goal", "add", A, A, "--domain", A],
    ["goal", "list", A, "--status", A],
    ["goal", "update", A, "--status", A, "--note", A],
    ["outing", "log", A, "--with", A, "--date", A, "--activity", A, "--cost", A],
    ["outing", "list", A],
    ["budget", A],
    ["review", A, "--progressing", A, "--wants-to-continue", A, "--date", A],
    ["report", A, "--from", A, "--to", A, "--format", A],
    ["audit", "--since", A],
    ["backup", P],
    ["restore", P],
    ["export", "--format", A, "--out", P],
    ["config", "show"],
    ["db", "path"],
]
texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30).filter(
    lambda t: not any(m in t.lower() for m in MARKERS)
)
values = {
    A: st.one_of(
        texts,
        st.integers(-(10**20), 10**20).map(str),
        st.dates().map(str),
        st.sampled_from(
            ["1", "2", "11", "Riverside", "Ada Quill", "1,2", "2026-02-10", "json", "yes", "active", "tue"]
        ),
    ),
    N: st.integers(-(10**20), 10**20).map(str),
    P: st.text(string.ascii_letters + string.digits + "_-", min_size=1, max_size=12),
}


@st.composite
def command(draw: st.DrawFn) -> list[str]:
    template = draw(st.sampled_from(COMMANDS))
    return [draw(values[part]) if part in values else part for part in template]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=command())
def test_any_command_with_any_arguments(riverside: Cli, env: Path, args: list[str]) -> None:
    if not getattr(riverside, "planted", False):
        plant(riverside)
        (env / "out").mkdir()
        riverside.planted = True  # type: ignore[attr-defined]  # once per fixture, across hypothesis examples
    args = [
        str(env / "out" / a) if i and args[i - 1] in ("backup", "restore", "--out") else a for i, a in enumerate(args)
    ]
    result = riverside(*args)
    assert result.exit_code in DOCUMENTED_EXIT_CODES, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code != 0:  # a message may echo what was typed, never a stored value
        typed = " ".join(args).lower()
        leaked = [m for m in MARKERS if m in result.stderr.lower() and m not in typed]
        assert leaked == [], (args, result.stderr)
