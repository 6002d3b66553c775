"""Writing text in the user's editor ($VISUAL, then $EDITOR, then vi).

Notes are confidential, so the draft lives in a private folder of the
user's own (`drafts/` in the per-user folder, 0700), never in a shared /tmp,
is locked while the editor runs, and is removed afterwards. A draft left by
a killed process stays private, and the next edit sweeps it away.
"""

import fcntl
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from peertool.errors import InvalidInput, shown

DRAFT_SUFFIX = ".draft.md"


def drafts_folder() -> Path:
    """The private folder drafts are written in, made 0700 if missing; refused if it is not the user's own."""
    from peertool.db.snapshot import sweep_partials
    from peertool.files import make_private_folders
    from peertool.settings import user_dir

    folder = user_dir() / "drafts"
    make_private_folders(folder)
    info = os.lstat(folder)
    if info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise InvalidInput(f"the drafts folder {shown(folder, 200)} is not private to you; remove it and retry.")
    sweep_partials(folder, DRAFT_SUFFIX)
    return folder


GUIDE = """\
# Meeting notes: {group}, {date} (month {month}: {theme}).
# Write what was taught, how the group took it, and what to follow up.
# Lines starting with # are left out. Leave the notes empty, or close the
# editor without changing anything, and nothing is saved.
"""


def edit_notes(meeting: dict[str, object]) -> str:
    """Notes written in the editor from a template, as git writes commit messages.

    The template names the group, date and theme, with commented guide lines
    (left out); an empty result, or a draft left untouched, saves nothing (exit 1).
    """
    template = GUIDE.format(**meeting) + (f"{meeting['notes']}\n" if meeting.get("notes") else "")
    notes = "\n".join(line for line in edit_draft(template, "notes").splitlines() if not line.startswith("#"))
    if not notes.strip():
        raise InvalidInput("no notes were written; nothing was saved.", hint="Write the notes, then save the file.")
    return notes.strip()


def edit_draft(template: str, what: str) -> str:
    """The draft as the user left it in their editor; one left untouched saves nothing (exit 1)."""
    written = edit_text(template)
    if written == template:
        raise InvalidInput("nothing was changed; nothing was saved.", hint=f"Write the {what}, then save the file.")
    return written


def without_comments(text: str) -> str:
    """The text less its guide lines: those starting with a single # (a `## Heading` is kept)."""
    return "\n".join(line for line in text.splitlines() if not (line.startswith("#") and not line.startswith("##")))


def edit_text(initial: str = "") -> str:
    """The text as the user left it in their editor."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, path = tempfile.mkstemp(dir=drafts_folder(), prefix=".notes-", suffix=DRAFT_SUFFIX)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, initial.encode())
        try:
            finished = subprocess.run([*shlex.split(command), path], check=False)
        except OSError:
            raise InvalidInput(f"cannot start the editor {shown(command)}; set EDITOR to one that exists.") from None
        if finished.returncode != 0:
            raise InvalidInput(f"the editor {shown(command)} exited with {finished.returncode}; nothing was saved.")
        with open(path, encoding="utf-8") as draft:
            return draft.read()
    finally:
        os.unlink(path)
        os.close(fd)


FIELDS_GUIDE = """\
# {title}
# Write each part under its heading. Lines starting with a single # are left
# out; an empty part is left empty. Close the editor without changing
# anything, and nothing is saved.
"""


def edit_fields(title: str, fields: dict[str, object], extra: str = "") -> dict[str, str | None]:
    """Several named parts written in the editor under `## Name` headings; returns each part (None: empty).

    The draft starts with the parts as they stand. A draft left untouched saves nothing (exit 1).
    """
    template = FIELDS_GUIDE.format(title=title) + extra
    template += "".join(f"\n## {name.title()}\n{'' if value is None else value}\n" for name, value in fields.items())
    return parse_fields(edit_draft(template, "note"), list(fields))


def parse_fields(written: str, names: list[str]) -> dict[str, str | None]:
    """The parts of a draft under its `## Name` headings (names as given, case-insensitive); comments left out."""
    parts: dict[str, list[str]] = {name: [] for name in names}
    by_heading = {name.casefold(): name for name in names}
    current: str | None = None
    for line in written.splitlines():
        heading = line[3:].strip().casefold() if line.startswith("## ") else None
        if heading in by_heading:
            current = by_heading[heading]
        elif line.startswith("#"):
            continue
        elif current is not None:
            parts[current].append(line)
    return {name: "\n".join(lines).strip() or None for name, lines in parts.items()}
