"""Writing files the way records must be written: private, whole or not at all, and never through a trap.

Every file peertool writes is 0600 and every folder it makes is 0700,
whatever the umask. A file is written under a private temporary name and
renamed into place, so a failure leaves the old file or nothing. A path
that is a symbolic link, a device or another special file is refused
rather than followed or replaced: in a shared or hostile folder, a link
planted where an export goes would send records somewhere else.
"""

import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from peertool.config_checks import FILE_BYTES
from peertool.errors import InvalidInput, IOFailure, NotFound, PeertoolError, shown


def existing_kind(path: Path) -> str | None:
    """What is at `path` without following a link: None (nothing), 'file', 'folder', 'link' or 'special'."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "special"


def refuse_unsafe(path: Path, *, want: str = "file", error: type[PeertoolError] = IOFailure) -> None:
    """Refuse a path peertool is about to write when it is a link, a special file, or the wrong kind."""
    kind = existing_kind(path)
    if kind == "link":
        raise error(f"{shown(path, 200)} is a symbolic link; peertool never writes through one.", "Give the real path.")
    if kind == "special":
        raise error(f"{shown(path, 200)} is a device or special file, not a regular {want}.", "Give a file name.")
    if kind is not None and kind != want:
        raise error(f"{shown(path, 200)} is a {kind}; give a {want}.")


def make_private_folders(folder: Path) -> None:
    """Create `folder` and any missing parents, each 0700 whatever the umask; refuse a link or a file on the way."""
    missing = [p for p in [folder, *folder.parents] if existing_kind(p) is None]
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        refuse_unsafe(path, want="folder", error=InvalidInput)
        os.chmod(path, 0o700)
    refuse_unsafe(folder, want="folder", error=InvalidInput)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically: a crash leaves the old file or the new one."""
    write_private_stream(path, lambda handle: handle.write(data))


def write_private_stream(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    """Write `path` (0600, atomically) by handing `fill` the open file: large output never sits in memory."""
    path = Path(path)
    if not path.parent.is_dir():
        raise NotFound(f"no folder {shown(path.parent, 200)} to write {shown(path.name)} in.")
    if existing_kind(path) == "folder":
        raise InvalidInput(f"{shown(path, 200)} is a folder; give a file name.")
    refuse_unsafe(path)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        if os.path.lexists(temp):
            os.unlink(temp)
        raise


def write_private_tree(folder: Path, fill: Callable[[Path], object]) -> None:
    """Make the folder `folder` by handing `fill` a private temporary folder beside it to write into.

    The temporary folder is renamed into place once `fill` is done; an old
    folder of the same name is replaced only then, so a failure leaves the
    old one or nothing.
    """
    folder = Path(folder)
    refuse_unsafe(folder, want="folder")
    make_private_folders(folder.parent)
    temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".partial"))
    try:
        fill(temp)
        _swap_into_place(temp, folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _swap_into_place(new: Path, folder: Path) -> None:
    """Rename the finished folder `new` to `folder`, replacing an old one only after the new one is whole."""
    if existing_kind(folder) is None:
        os.rename(new, folder)
        return
    old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
    os.rename(folder, old / "previous")
    os.rename(new, folder)
    shutil.rmtree(old, ignore_errors=True)


def read_text(
    path: Path,
    label: str,
    *,
    missing: type[PeertoolError] = NotFound,
    unreadable: type[PeertoolError] = InvalidInput,
    encoding: str = "utf-8",
    limit: int = -1,
    max_bytes: int | None = FILE_BYTES,
) -> str:
    """A user's text file, or a clean error naming it (NotFound / InvalidInput unless told otherwise).

    A file over `max_bytes` and anything but a regular file (a device such as
    /dev/zero, a pipe, a folder) are refused (see `read_bytes`); with `limit`,
    at most that many characters are returned. Line endings are read as Python's
    text files read them: CRLF and CR become LF.
    """
    data = read_bytes(path, label, missing=missing, unreadable=unreadable, max_bytes=max_bytes)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise unreadable(f"{label}: cannot read {shown(path, 200)} as UTF-8 text (UnicodeDecodeError).") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if limit < 0 else text[:limit]


def read_bytes(
    path: Path,
    label: str,
    *,
    missing: type[PeertoolError] = NotFound,
    unreadable: type[PeertoolError] = InvalidInput,
    max_bytes: int | None = FILE_BYTES,
) -> bytes:
    """A user's file whole, refusing what would never end or fill memory: only a regular file of at most
    `max_bytes` bytes (None: no limit but the file's own size) is read.

    The file is opened without blocking (a pipe with no writer would hang the
    open) and checked on the open descriptor, so what is read is what was checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise unreadable(f"{label}: {shown(path, 200)} is not a regular file (a device, pipe or folder).")
            data = file.read(-1 if max_bytes is None else max_bytes + 1)
    except FileNotFoundError:
        raise missing(f"{label}: no file {shown(path, 200)}.") from None
    except OSError as exc:
        raise unreadable(f"{label}: cannot read {shown(path, 200)} ({exc.strerror or type(exc).__name__}).") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise unreadable(
            f"{label}: {shown(path, 200)} is larger than {max_bytes} bytes.",
            hint="Raise limits.file_bytes in your config if the file is meant to be this large.",
        )
    return data
