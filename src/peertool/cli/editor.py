"""Writing text in the user's editor ($VISUAL, then $EDITOR, then vi).

The draft lives in a private (0600) temporary file that is removed
afterwards, since meeting notes are confidential.
"""

import os
import shlex
import subprocess
import tempfile

from peertool.errors import InvalidInput, shown


def edit_text(initial: str = "") -> str:
    """The text as the user left it in their editor."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, path = tempfile.mkstemp(prefix="peertool-notes-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as draft:
            draft.write(initial)
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
