"""Writing files the way records must be written: private, and whole or not at all."""

import os
import tempfile
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically: a crash leaves the old file or the new one."""
    from peertool.errors import NotFound

    path = Path(path)
    if not path.parent.is_dir():
        raise NotFound(f"no folder {path.parent} to write {path.name} in.")
    if path.is_dir():
        from peertool.errors import InvalidInput

        raise InvalidInput(f"{path} is a folder; give a file name.")
    fd, temp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def read_text(path: Path, label: str, *, missing=None, unreadable=None, encoding: str = "utf-8") -> str:
    """A user's text file, or a clean error naming it (NotFound / InvalidInput unless told otherwise)."""
    from peertool.errors import InvalidInput, NotFound

    try:
        return Path(path).read_text(encoding=encoding)
    except FileNotFoundError:
        raise (missing or NotFound)(f"{label}: no file {str(path)!r}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise (unreadable or InvalidInput)(
            f"{label}: cannot read {str(path)!r} as UTF-8 text ({type(exc).__name__})."
        ) from None
