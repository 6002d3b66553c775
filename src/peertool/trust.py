"""Whether a file is the user's own: the rule that keeps another user's config from being obeyed.

A config file can run a program (`encryption.key_command`) and choose where
records go, so in a shared folder such as /tmp a file another user planted
would run code as the coach. Like git's `safe.directory`, peertool uses a
config, and every file it names, only when the file and every folder above
it (up to, not including, `/`) are owned by the user or root and writable by
no one else. A folder that others may write is allowed above the file only
when its sticky bit is set (as on /tmp): there, no one else can rename or
remove what the user owns. Both the path as given (a link's own owner
counts) and the real path it leads to are checked. Systems without POSIX
owners (Windows) are not checked.
"""

import os
import stat
from pathlib import Path

from peertool.errors import ConfigError, shown

HINT = (
    "peertool obeys a config, and the files it names, only when you (or root) own them and the folders above them "
    "and no one else can write them. Run peertool from another folder or pass your own config with --config; if "
    "the file is yours, fix it with chown and chmod go-w."
)


def refuse_untrusted(path: Path, label: str) -> None:
    """Raise ConfigError naming `path` and the reason unless the file is the user's own (see the module's rule).

    A missing file passes: whoever reads it reports that it is missing.
    """
    problem = untrusted_reason(path)
    if problem is not None:
        raise ConfigError(f"{label} {shown(path, 200)}: {problem}; nothing was run.", hint=HINT)


def untrusted_reason(path: Path) -> str | None:
    """Why `path` may not be trusted ("'/x' is owned by uid 1001, not you"), or None when it may."""
    if not hasattr(os, "geteuid") or not os.path.lexists(path):
        return None
    given = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    if os.path.exists(real) and not stat.S_ISREG(os.stat(real).st_mode):
        return f"{shown(real, 200)} is not a regular file (a device, pipe or folder)"
    for place in dict.fromkeys([given, *given.parents, real, *real.parents]):
        if place.parent == place:  # `/` itself: its owner is the system's, even in a container
            continue
        problem = _reason(place)
        if problem is not None:
            return problem
    return None


def _reason(place: Path) -> str | None:
    try:
        info = os.lstat(place)
    except FileNotFoundError:
        return None  # a dangling link: reading it reports the missing file
    if info.st_uid not in (os.geteuid(), 0):
        return f"{shown(place, 200)} is owned by uid {info.st_uid}, not you"
    if stat.S_ISLNK(info.st_mode):
        return None  # a link's own mode means nothing; what it leads to is checked on the real path
    shared = stat.S_ISDIR(info.st_mode) and info.st_mode & stat.S_ISVTX
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not shared:
        return f"{shown(place, 200)} is writable by others (mode {stat.S_IMODE(info.st_mode):04o})"
    return None
