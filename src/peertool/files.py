"""Writing files the way records must be written: private, whole or not at all, and never through a trap.

Every file peertool writes is 0600 and every folder it makes is 0700,
whatever the umask. A file is written under a private temporary name and
renamed into place, so a failure leaves the old file or nothing. A path
that is a symbolic link, a device or another special file is refused
rather than followed or replaced: in a shared or hostile folder, a link
planted where an export goes would send records somewhere else.
"""

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from peertool.config_checks import FILE_BYTES
from peertool.errors import Conflict, InvalidInput, IOFailure, NotFound, PeertoolError, shown


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


# Every temporary name peertool makes holds this mark and its writer's process id, so a later run can tell its
# own leftovers from anything else in a folder, and a killed writer's from a live one's.
MARK = ".peertool-"
_TEMPORARY = re.compile(r"\..*\.peertool-(\d+)-[a-z0-9_]+\.(?:tmp|partial|old)(?:-journal|-wal|-shm)?", re.DOTALL)
SIDECARS = ("-wal", "-shm", "-journal")
_removed: list[str] = []


def temporary_prefix(name: str) -> str:
    """The prefix of every temporary name (tempfile's): `.NAME.peertool-PID-` then tempfile's random part, then
    `.tmp` (a file), `.partial` (a folder or a database copy) or `.old` (a folder being replaced)."""
    return f".{name[:100]}{MARK}{os.getpid()}-"


def with_sidecars(path: Path) -> list[Path]:
    """A SQLite database and the files SQLite keeps beside it: none of them is ever written over or removed."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SIDECARS)]


def sweep_temporaries(folder: Path) -> list[str]:
    """Remove what killed peertool runs left in `folder`: our temporaries whose writer is no longer running.

    Only names made by `temporary_prefix` are considered, only our own
    files and folders (never through a link), and only when the process
    named in them is gone and no one holds a lock on them: a concurrent
    run's temporary is never touched. Returns the names removed; the CLI
    reports them (`take_removed`).
    """
    try:
        names = [name for name in os.listdir(folder) if MARK in name]
    except OSError:
        return []
    removed = []
    for name in sorted(names):
        match = _TEMPORARY.fullmatch(name)
        if match and not _running(int(match[1])) and remove_own_unlocked(folder / name):
            removed.append(name)
    _removed.extend(str(folder / name) for name in removed)
    return removed


def take_removed() -> list[str]:
    """The leftovers removed so far by this process (each reported once)."""
    taken = list(_removed)
    _removed.clear()
    return taken


def _running(pid: int) -> bool:
    """Whether process `pid` exists (another user's counts; a number that cannot be a process is left alone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def remove_own_unlocked(path: Path) -> bool:
    """Remove our own regular file or folder at `path` unless another process holds it locked."""
    import fcntl

    try:
        info = os.lstat(path)
        if info.st_uid != os.geteuid() or not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while a writer still holds it
        if stat.S_ISDIR(info.st_mode):
            shutil.rmtree(path)
        else:
            os.unlink(path)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def check_target(path: Path, *, want: str, force: bool = False, keep: Sequence[Path] = ()) -> Path:
    """Whether peertool may write the file or folder (`want`) at `path`; its absolute path if so.

    Nothing peertool did not create in this run is replaced: an existing
    file, a non-empty folder, or anything of the other kind is a Conflict
    unless `force`. Even with `force`, `keep` (the database and its
    sidecars, as `with_sidecars` lists them), any folder that holds one of
    them, and the current folder or one that holds it are refused: replacing
    them would destroy the records or pull the folder from under the user.
    """
    path = Path(os.path.abspath(path))
    kind = existing_kind(path)
    if kind in ("link", "special"):
        refuse_unsafe(path, want=want)
    guarded = _guarded_by(path, keep)
    if guarded is not None:
        what = "holds" if Path(os.path.realpath(path)) in Path(os.path.realpath(guarded)).parents else "is"
        raise Conflict(
            f"{shown(path, 200)} {what} the database file {shown(guarded, 200)}; peertool never writes over it.",
            hint="Give a path outside the database's folder.",
        )
    if kind == "folder" and _holds(Path(os.path.realpath(path)), Path.cwd()):
        raise Conflict(f"{shown(path, 200)} is the current folder or holds it.", hint="Give a new folder's name.")
    if kind is not None and kind != want:
        raise Conflict(f"{shown(path, 200)} is a {kind}; give a {want}.")
    if not force and (kind == "file" or (kind == "folder" and os.listdir(path))):
        raise Conflict(f"{shown(path, 200)} already exists.", hint="Give a new name, or add --force to replace it.")
    return path


def _holds(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def _guarded_by(path: Path, keep: Sequence[Path]) -> Path | None:
    """The first of `keep` that `path` is, or holds (compared as real paths, and as files when both exist)."""
    real = Path(os.path.realpath(path))
    for kept in keep:
        if _holds(real, Path(os.path.realpath(kept))):
            return kept
        with suppress(OSError):
            if os.path.samefile(path, kept):
                return kept
    return None


def write_private(path: Path, data: bytes, *, force: bool = False, keep: Sequence[Path] = ()) -> None:
    """Write `data` to a new file `path` with mode 0600, atomically (`check_target` says what may be replaced)."""
    write_private_stream(path, lambda handle: handle.write(data), force=force, keep=keep)


def write_private_stream(
    path: Path, fill: Callable[[BinaryIO], object], *, force: bool = False, keep: Sequence[Path] = ()
) -> None:
    """Write `path` (0600, atomically) by handing `fill` the open file: large output never sits in memory.

    The file is written under a temporary name (`temporary_prefix`) and
    published under its own only when whole; without `force` the name is
    taken with a hard link, which fails if anything appeared there meanwhile.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise NotFound(f"no folder {shown(path.parent, 200)} to write {shown(path.name)} in.")
    path = check_target(path, want="file", force=force, keep=keep)
    sweep_temporaries(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle, _locked(Path(temp)):  # locked: a sweep that cannot see our pid
            fill(handle)  # (another container sharing the folder) still leaves a live file alone
            handle.flush()
            os.fsync(handle.fileno())
            _publish_file(Path(temp), path, force=force)
    finally:
        if os.path.lexists(temp):
            os.unlink(temp)


def _publish_file(temp: Path, path: Path, *, force: bool) -> None:
    if force:
        os.replace(temp, path)
        return
    try:
        os.link(temp, path)
    except FileExistsError:
        raise Conflict(f"{shown(path, 200)} appeared meanwhile; it was left as it is.") from None
    except OSError:  # a file system without hard links (a FAT memory stick)
        if os.path.lexists(path):
            raise Conflict(f"{shown(path, 200)} appeared meanwhile; it was left as it is.") from None
        os.rename(temp, path)


def write_private_tree(
    folder: Path,
    fill: Callable[[Path], object],
    *,
    force: bool = False,
    keep: Sequence[Path] = (),
    replaceable: Callable[[Path], bool] = lambda folder: False,
) -> None:
    """Make the folder `folder` by handing `fill` a private temporary folder beside it to write into.

    The temporary folder is renamed into place once `fill` is done, so a
    failure leaves the old folder or nothing. With `force`, an existing
    folder is replaced only if `replaceable` says peertool wrote it (e.g. an
    earlier export); any other folder with something in it is left alone.
    """
    folder = check_target(Path(folder), want="folder", force=force, keep=keep)
    if force and existing_kind(folder) == "folder" and os.listdir(folder) and not replaceable(folder):
        raise Conflict(
            f"{shown(folder, 200)} holds files peertool did not write there; even --force never replaces it.",
            hint="Give a new folder's name.",
        )
    make_private_folders(folder.parent)
    sweep_temporaries(folder.parent)
    temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=temporary_prefix(folder.name), suffix=".partial"))
    try:
        with _locked(temp):
            fill(temp)
            _swap_into_place(temp, folder, force=force)
    finally:
        if os.path.lexists(temp):
            shutil.rmtree(temp, ignore_errors=True)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold a lock on `path` (a file or folder) while it is written: the sweep of a concurrent run leaves it."""
    import fcntl

    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _swap_into_place(new: Path, folder: Path, *, force: bool) -> None:
    """Rename the finished folder `new` to `folder`; an old one (allowed by `force`) goes only after that."""
    try:
        os.rename(new, folder)  # onto nothing, or onto an empty folder
        return
    except OSError as exc:
        if not force or exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise Conflict(f"{shown(folder, 200)} appeared meanwhile; it was left as it is.") from None
    old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=temporary_prefix(folder.name), suffix=".old"))
    os.rename(folder, old)  # onto the empty folder just made
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


@contextmanager
def open_regular(
    path: Path, label: str, *, missing: type[PeertoolError] = NotFound, unreadable: type[PeertoolError] = InvalidInput
) -> Iterator[BinaryIO]:
    """A user's file opened for reading, refused unless it is a regular file: a device or pipe would never end.

    The file is opened without blocking (a pipe with no writer would hang the
    open) and checked on the open descriptor, so what is read is what was checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        file = os.fdopen(os.open(path, flags), "rb")
    except FileNotFoundError:
        raise missing(f"{label}: no file {shown(path, 200)}.") from None
    except OSError as exc:
        raise unreadable(f"{label}: cannot read {shown(path, 200)} ({exc.strerror or type(exc).__name__}).") from None
    with file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise unreadable(f"{label}: {shown(path, 200)} is not a regular file (a device, pipe or folder).")
        yield file


def read_bytes(
    path: Path,
    label: str,
    *,
    missing: type[PeertoolError] = NotFound,
    unreadable: type[PeertoolError] = InvalidInput,
    max_bytes: int | None = FILE_BYTES,
) -> bytes:
    """A user's file whole, refusing what would never end or fill memory: only a regular file of at most
    `max_bytes` bytes (None: no limit but the file's own size) is read."""
    with open_regular(path, label, missing=missing, unreadable=unreadable) as file:
        try:
            data = file.read(-1 if max_bytes is None else max_bytes + 1)
        except OSError as exc:
            message = f"{label}: cannot read {shown(path, 200)} ({exc.strerror or type(exc).__name__})."
            raise unreadable(message) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise unreadable(
            f"{label}: {shown(path, 200)} is larger than {max_bytes} bytes.",
            hint="Raise limits.file_bytes in your config if the file is meant to be this large.",
        )
    return data
