"""Who is running peertool on this machine: the operating-system user, and the login a file's staff go by.

On a team database the server says who connected (`Database.login`); on a SQLite file these are all there is.
Kept apart from the audit log and the staff records, which both ask, so neither imports the other.
"""

import os

LOGIN_ENV = "PEERTOOL_LOGIN"


def os_user() -> str:
    """The user this process runs as, from the operating system (USER and LOGNAME can say anything)."""
    import pwd

    uid = os.geteuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def login_name() -> str:
    """Who is running peertool: `PEERTOOL_LOGIN` when set (scripts, tests, the demo), else the OS user."""
    login = os.environ.get(LOGIN_ENV, "").strip() or os_user()
    try:
        login.encode("utf-8")
    except UnicodeEncodeError:  # a byte that is not UTF-8, held by Python as a lone surrogate
        from peertool.errors import InvalidInput

        raise InvalidInput(f"{LOGIN_ENV} (or the operating-system user name) is not valid text.",
                           hint=f"Set {LOGIN_ENV} to a login in UTF-8.") from None  # fmt: skip
    return login
