"""Writing files the way records must be written: private, and whole or not at all."""

import os
import tempfile
from pathlib import Path

from peertool.errors import InvalidInput, NotFound, PeertoolError


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically: a crash leaves the old file or the new one."""
    path = Path(path)
    if not path.parent.is_dir():
        raise NotFound(f"no folder {path.parent} to write {path.name} in.")
    if path.is_dir():
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


def write_private_folder(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Write each named file into `folder` (created 0700 if missing); return the names written."""
    folder = Path(folder)
    if not folder.exists():
        folder.mkdir(parents=True)
        os.chmod(folder, 0o700)
    for name, data in files.items():
        write_private(folder / name, data)
    return list(files)


def read_text(
    path: Path,
    label: str,
    *,
    missing: type[PeertoolError] = NotFound,
    unreadable: type[PeertoolError] = InvalidInput,
    encoding: str = "utf-8",
) -> str:
    """A user's text file, or a clean error naming it (NotFound / InvalidInput unless told otherwise)."""
    try:
        return Path(path).read_text(encoding=encoding)
    except FileNotFoundError:
        raise missing(f"{label}: no file {str(path)!r}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(f"{label}: cannot read {str(path)!r} as UTF-8 text ({type(exc).__name__}).") from None
