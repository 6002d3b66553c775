"""`db.users`: who runs peertool on this machine."""

import os
import pwd

import pytest

from peertool.db.users import login_name, os_user
from peertool.errors import InvalidInput


def test_the_os_user_comes_from_the_uid_not_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "dr_who")
    assert os_user() == pwd.getpwuid(os.geteuid()).pw_name


def test_login_name_is_peertool_login_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERTOOL_LOGIN", raising=False)
    assert login_name() == os_user()
    monkeypatch.setenv("PEERTOOL_LOGIN", " rlin ")
    assert login_name() == "rlin"


def test_a_login_that_is_not_utf8_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERTOOL_LOGIN", "r\udcfflin")
    with pytest.raises(InvalidInput, match="not valid text"):
        login_name()
