"""What kind an outing is, decided in one place for Python and for SQL.

The model measures decreasing reliance on the coach, the partner and the
group: an outing the coach joined is `with-coach` whatever its size; without
the coach, one person is `solo`, two `partner`, three or more `group`. Only a
solo outing shows someone going out on their own (`ready-solo`).
"""

from peertool.vocab import OutingKind

# The number of people who went on outing `{o}` (an alias of `outings` in the query that uses it).
PEOPLE_SQL = "(SELECT count(*) FROM outing_people x WHERE x.outing_id = {o}.id)"
# The report's keys for each kind (`with-coach` is `with_coach` in JSON), in the order tables show them.
COUNT_KEYS = {OutingKind.partner: "partner", OutingKind.solo: "solo", OutingKind.group: "group",
              OutingKind.with_coach: "with_coach"}  # fmt: skip


def outing_kind(people: int, with_coach: object) -> OutingKind:
    """The kind of an outing of `people` people, with the coach if `with_coach` is true (NULL reads as no)."""
    if with_coach:
        return OutingKind.with_coach
    if people == 1:
        return OutingKind.solo
    return OutingKind.partner if people == 2 else OutingKind.group


def kind_sql(o: str = "o") -> str:
    """`outing_kind` as a SQL CASE expression on outing alias `o`: the same rule, for queries that count by kind
    (e.g. `SELECT {kind_sql('o')} AS kind, count(*) FROM outings o ... GROUP BY kind`)."""
    people = PEOPLE_SQL.format(o=o)
    return (
        f"(CASE WHEN coalesce({o}.with_coach, 0) = 1 THEN '{OutingKind.with_coach.value}' "
        f"WHEN {people} = 1 THEN '{OutingKind.solo.value}' WHEN {people} = 2 THEN '{OutingKind.partner.value}' "
        f"ELSE '{OutingKind.group.value}' END)"
    )


def empty_counts() -> dict[str, int]:
    """A person's outing counts before any outing: each kind's key at 0."""
    return dict.fromkeys(COUNT_KEYS.values(), 0)
