import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLES


def test_weekly_prep_script_writes_a_private_sheet_per_group(cli, env):
    today = dt.date.today()
    cli.ok("group", "create", "Finished", "--start", (today - dt.timedelta(days=800)).isoformat(), "--weekday", "mon")
    cli.ok("group", "create", "Current", "--start", (today - dt.timedelta(days=30)).isoformat(), "--weekday", "wed")
    bin_dir = str(Path(sys.executable).parent)
    environ = {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ["PATH"],
        "PEERTOOL": str(Path(bin_dir) / "peertool"),
    }
    out = env / "sheets"
    result = subprocess.run(
        ["bash", str(EXAMPLES / "weekly-prep.sh"), str(out)], env=environ, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    sheets = sorted(out.iterdir())
    assert [p.name for p in sheets] == [f"{today}-group-2.md"]
    assert "skipped group 1" in result.stderr
    assert sheets[0].read_text().startswith("# Current: meeting of ")
    assert sheets[0].stat().st_mode & 0o777 == 0o600
