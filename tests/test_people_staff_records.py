"""Adding, editing and ending staff: validation, supervisors, no cycles, history kept and audited."""

import pytest

from peertool.db.connection import Database
from peertool.errors import Conflict, InvalidInput, NotFound
from peertool.people.staff_records import add_staff, edit_staff, end_staff, list_staff


@pytest.fixture
def crew(db: Database) -> Database:
    add_staff(db, "Ida Moss", role="director", credential="MSW", on="2026-01-01")
    add_staff(db, "Sol Park", role="supervisor", credential="LCSW", supervisor="Ida Moss", on="2026-01-01")
    add_staff(db, "Rae Lin", role="coach", credential="CPS", login="rlin", supervisor="Sol Park", on="2026-01-01")
    return db


def test_add_returns_the_member(db: Database) -> None:
    made = add_staff(db, " Rae Lin ", role="Coach", credential=" CPS ", login="rlin", on="2026-01-05")
    assert made == {"id": 1, "name": "Rae Lin", "role": "coach", "credential": "CPS", "login": "rlin",
                    "supervisor": None, "supervisor_id": None, "started_on": "2026-01-05", "ended_on": None,
                    "active": True, "linked": []}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("Rae\x1b[2JLin", {}, "name: contains a control character"),
        ("1234", {}, "all digits"),
        ("Rae Lin", {"role": "boss"}, "role: 'boss' is not one of coach, supervisor, director"),
        ("Rae Lin", {"credential": "  "}, "credential: must not be empty"),
        ("Rae Lin", {"credential": "CPS\u202e"}, "credential: contains a control character"),
        ("Rae Lin", {"login": "r lin"}, "login: 'r lin' has a space"),
        ("Rae Lin", {"login": "r\tlin"}, "login: contains a control character"),
        ("Rae Lin", {"on": "2026-02-30"}, "not a real date"),
    ],
)
def test_add_refuses_bad_fields(db: Database, name: str, options: dict[str, str], message: str) -> None:
    given = {"role": "coach", "credential": "CPS"} | options
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[")):
        add_staff(db, name, **given)
    assert list_staff(db, every=True) == []


def test_names_and_logins_are_one_each(crew: Database) -> None:
    with pytest.raises(Conflict, match="Rae Lin already has that name"):
        add_staff(crew, "rae  LIN", role="coach", credential="CPS")
    with pytest.raises(Conflict, match="already has the login 'rlin'"):
        add_staff(crew, "Kit Vale", role="coach", credential="CPS", login="rlin")
    with pytest.raises(Conflict, match="already has the login"):
        edit_staff(crew, "Sol Park", {"login": "rlin"})
    assert edit_staff(crew, "Rae Lin", {"login": "rlin", "name": "Rae Lin"})["login"] == "rlin"  # their own


@pytest.mark.parametrize(
    "twin",
    ["\uff32\uff41\uff45 \uff2c\uff49\uff4e", "Rae\u2003Lin", "\U0001d411\U0001d41a\U0001d41e Lin", "RAE\u00a0LIN"],
    ids=ascii,
)
def test_a_name_that_reads_the_same_as_a_colleagues_is_taken(crew: Database, twin: str) -> None:
    """Fullwidth or mathematical letters, another kind of space: "Rae Lin" once, however it is typed."""
    with pytest.raises(Conflict, match="Rae Lin already has that name"):
        add_staff(crew, twin, role="coach", credential="CPS")
    with pytest.raises(Conflict, match="Rae Lin already has that name"):
        edit_staff(crew, "Sol Park", {"name": twin})


def test_a_joiner_a_script_needs_makes_no_second_name(db: Database) -> None:
    add_staff(db, "\u0639\u0644\u06cc\u200c\u067e\u0648\u0631", role="coach", credential="CPS")  # Persian "Alipour"
    with pytest.raises(Conflict, match="already has that name"):
        add_staff(db, "\u0639\u0644\u06cc\u067e\u0648\u0631", role="coach", credential="CPS")  # without the ZWNJ


def test_a_supervisor_is_an_active_supervisor_or_director(crew: Database) -> None:
    with pytest.raises(InvalidInput, match="Rae Lin is a coach; a supervisor or director supervises"):
        add_staff(crew, "Kit Vale", role="coach", credential="CPS", supervisor="Rae Lin")
    with pytest.raises(NotFound):
        add_staff(crew, "Kit Vale", role="coach", credential="CPS", supervisor="Nobody Here")
    end_staff(crew, "Sol Park", on="2026-02-01")
    with pytest.raises(InvalidInput, match="left the staff on 2026-02-01"):
        add_staff(crew, "Kit Vale", role="coach", credential="CPS", supervisor="Sol Park")


def test_no_one_supervises_themselves_or_their_own_supervisor(crew: Database) -> None:
    with pytest.raises(InvalidInput, match="circle"):
        edit_staff(crew, "Sol Park", {"supervisor": "Sol Park"})
    with pytest.raises(InvalidInput, match="circle"):
        edit_staff(crew, "Ida Moss", {"supervisor": "Sol Park"})  # Sol is under Ida
    edit_staff(crew, "Sol Park", {"supervisor": ""})
    assert edit_staff(crew, "Ida Moss", {"supervisor": "Sol Park"})["supervisor"] == "Sol Park"


def test_a_coach_named_in_a_circle_hears_of_the_circle_not_of_their_role(crew: Database) -> None:
    """Making them a supervisor, as a role refusal would suggest, would only meet the circle rule next."""
    for member, supervisor in (("Rae Lin", "Rae Lin"), ("Sol Park", "Rae Lin")):  # Rae Lin, a coach, is under Sol
        with pytest.raises(InvalidInput, match="circle") as caught:
            edit_staff(crew, member, {"supervisor": supervisor})
        assert "--role supervisor" not in str(caught.value.hint)


def test_a_supervisor_with_supervisees_keeps_a_supervising_role(crew: Database) -> None:
    with pytest.raises(InvalidInput, match="Sol Park supervises Rae Lin"):
        edit_staff(crew, "Sol Park", {"role": "coach"})
    assert edit_staff(crew, "Sol Park", {"role": "director"})["role"] == "director"


def test_edit_needs_a_change_and_every_change_is_audited(crew: Database) -> None:
    with pytest.raises(InvalidInput, match="nothing to change"):
        edit_staff(crew, "Rae Lin", {})
    before = crew.execute("SELECT count(*) FROM audit WHERE table_name = 'staff'").fetchone()[0]
    changed = edit_staff(crew, "Rae Lin", {"credential": "CPRS", "login": ""})
    assert (changed["credential"], changed["login"], changed["warnings"]) == ("CPRS", None, [])
    assert crew.execute("SELECT count(*) FROM audit WHERE table_name = 'staff'").fetchone()[0] == before + 1


def test_end_keeps_the_row_and_warns_of_who_is_left_without(crew: Database) -> None:
    ended = end_staff(crew, "Sol Park", on="2026-03-01")
    assert (ended["ended_on"], ended["active"]) == ("2026-03-01", False)
    assert "Sol Park supervised Rae Lin" in ended["warnings"][0]
    assert [m["name"] for m in list_staff(crew)] == ["Ida Moss", "Rae Lin"]
    assert [m["name"] for m in list_staff(crew, every=True)] == ["Ida Moss", "Sol Park", "Rae Lin"]
    with pytest.raises(Conflict, match="already left the staff on 2026-03-01"):
        end_staff(crew, "Sol Park", on="2026-03-02")
    with pytest.raises(InvalidInput, match="before they started on 2026-01-01"):
        end_staff(crew, "Rae Lin", on="2025-12-31")
