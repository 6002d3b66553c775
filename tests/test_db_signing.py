"""Signing: who may co-sign a record."""


def test_same_person_compares_the_name_part_only() -> None:
    from peertool.db.signing import same_person

    assert same_person("Zoë O’Brien, CPS", "zoe o'brien, LCSW, MA")
    assert same_person("Rae Lin (supervisor), LCSW", "Rae Lin, CPS")
    assert not same_person("Rae Lin, CPS", "Rae Linden, CPS")
