"""Every key of the program file, declared once: its key, default, check (and so its type), and one line of help.

`Declared` holds one `Setting` per key. Each is also the typed attribute of
`settings.Settings` that reads the key's value in force, so its attribute
name, its type (what its check returns) and its key are written here and
nowhere else. From these declarations come `SPEC` (key -> Setting, in the
order `config show` lists them), the starter `config init` writes, and, by
cog, `examples/peertool.yaml` and the README's table of settings
(`peertool.config_file`). To add a setting, add one line to `Declared`,
then run `cog -r README.md docs/*.md examples/peertool.yaml`.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from peertool import config_checks as check
from peertool.vocab import GOAL_DOMAINS, INTERVENTIONS

T = TypeVar("T")

# The 12-month focal-theme table of Mental Health America's "It's My Life ~
# Peer Partners": the built-in default of the `themes` setting.
PROGRAM_THEMES = (
    "Introduction & Goal Setting",
    "Self-Care",
    "Social Interaction",
    "Communication",
    "Coping Strategies",
    "Thoughts & Beliefs",
    "Social Interaction",
    "Self-Care",
    "Coping Strategies",
    "Social Interaction",
    "Communication",
    "Coping Skills & Goal Setting (Transitioning Out)",
)


class Setting(Generic[T]):
    """One key of the program file; as an attribute of `Declared`, it reads that key's value in force.

    Its type is what its check returns; the default is the value in force when the file leaves the key out (a test
    checks that the check keeps every default as it is).

    `sample` is the value a starter file shows, commented out, for a key it
    does not set (the default, unless that is None); `starter` keys are set,
    to their default, in the starter; `heading` is a comment line put before
    the key in a generated file.
    """

    def __init__(
        self,
        key: str,
        default: Any,
        check: Callable[[Any], T],
        help: str,
        *,
        sample: Any = None,
        starter: bool = False,
        heading: str = "",
    ) -> None:
        self.key = key
        self.default = default
        self.check = check
        self.help = help
        self.sample = default if sample is None else sample
        self.starter = starter
        self.heading = heading
        self.attribute = ""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.attribute = name

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> "Setting[T]": ...
    @overload
    def __get__(self, obj: "Declared", owner: type[Any]) -> T: ...
    def __get__(self, obj: "Declared | None", owner: type[Any]) -> "T | Setting[T]":
        if obj is None:
            return self
        value: T = obj.values[self.key]
        return value


class Declared:
    """The program file's keys as typed attributes, in the order `config show` lists them. Dotted keys are
    nested mappings in the YAML file."""

    values: dict[str, Any]

    database = Setting(
        "database", None, check.optional_path,
        "the database; a relative path is read from this file's folder; only from your own config",
        sample="~/peer-program/peertool.db",
    )  # fmt: skip
    group_size_min = Setting(
        "group_size.min", 6, check.positive_int, "fewest members a group should have", starter=True
    )
    group_size_max = Setting("group_size.max", 12, check.positive_int, "most members a group may have", starter=True)
    themes = Setting("themes", list(PROGRAM_THEMES), check.themes, "the 12 monthly themes, in order")
    programs = Setting(
        "programs", {}, check.programs,
        "programs beside the built-in iml: name -> kind (group-year or drop-in), themes, group_size, pairs, "
        "days, service_code",
        sample={"independence": {"kind": "drop-in", "days": "mon-fri"}},
    )  # fmt: skip
    meeting_minutes = Setting("meeting_minutes", 90, check.positive_int, "how long a meeting lasts", starter=True)
    skip_dates = Setting(
        "skip_dates", [], check.dates, "holidays: shown as skipped in the schedule, not as meetings",
        sample=["2026-12-29"],
    )  # fmt: skip
    gender_policy = Setting(
        "pairing.gender_policy", "avoid-mixed", check.gender_policy, "avoid-mixed, or any", starter=True
    )
    odd = Setting("pairing.odd", "refuse", check.odd, "an odd group: refuse, trio, or coach", starter=True)
    weight_mixed_gender = Setting(
        "pairing.weights.mixed_gender", 1000, check.non_negative_number, "cost of a male/female pair"
    )
    weight_solo_mismatch = Setting(
        "pairing.weights.solo_mismatch", 100, check.non_negative_number, "cost of a ready-solo and a partnered pair"
    )
    weight_repeat = Setting("pairing.weights.repeat", 10, check.non_negative_number, "cost of pairing two again")
    weight_shared_interest = Setting(
        "pairing.weights.shared_interest", 1, check.non_negative_number, "gain of each shared interest"
    )
    lessons_file = Setting(
        "lessons_file", None, check.optional_path, "your own lesson plans, added to the built-in library",
        sample="lessons.yaml",
    )  # fmt: skip
    activity_fund = Setting(
        "activity_fund", None, check.optional_money, "per participant, per program year", sample="300.00"
    )
    review_interval_days = Setting(
        "review_interval_days",
        90,
        check.days_or_none,
        "days between continued-stay reviews (none: no reviews)",
        starter=True,
    )
    solo_outings_for_ready = Setting(
        "solo_outings_for_ready", 3, check.positive_int, "solo outings before ready-solo is suggested", starter=True
    )
    dropin_unseen_weeks = Setting(
        "dropin.unseen_weeks", 3, check.positive_int, "weeks without a visit before a drop-in's prep names someone"
    )
    min_cell = Setting(
        "disclosure.min_cell", 11, check.positive_int,
        "export --counts hides every count from 1 to this less one, and enough others that none can be solved",
    )  # fmt: skip
    site_id = Setting(
        "site_id", None, check.site_id, "names this coach's exports in a program-wide roll-up", sample="east-1",
        heading='Sharing (see the README, "Many coaches, one program")',
    )  # fmt: skip
    _timezone = Setting(
        "timezone", None, check.timezone, "calendars' time zone (default: this machine's)", sample="America/Chicago"
    )
    pseudonym_key_file = Setting(
        "pseudonym_key_file", None, check.optional_path, "keeps pseudonyms in a rebuilt database; never share it",
        sample="~/.config/peertool/pseudonym.key",
    )  # fmt: skip
    goal_domains = Setting("goal_domains", list(GOAL_DOMAINS), check.words, "the domains goals are exported as")
    unit_minutes = Setting(
        "billing.unit_minutes", 15, check.positive_int, "minutes in one service unit",
        heading='Service units and signing (see the README, "Notes fit for a chart")',
    )  # fmt: skip
    rounding = Setting(
        "billing.rounding", "eight-minute", check.rounding,
        "eight-minute, complete (whole units only), or none (the exact fraction)",
    )  # fmt: skip
    count_by = Setting(
        "billing.count_by", "day", check.count_by,
        "day (a day's minutes of one code are added, then rounded: CMS) or record (each record rounded alone)",
    )  # fmt: skip
    service_code = Setting("billing.service_code", "H0038", check.code, "the billing code of the service")
    group_modifier = Setting("billing.group_modifier", "HQ", check.code, "the modifier billed with group meetings")
    daily_cap_units = Setting(
        "billing.daily_cap_units", None, check.optional_positive_int,
        "report warns, and note lint lists, a day over this many units", sample=16,
    )  # fmt: skip
    interventions = Setting(
        "interventions", list(INTERVENTIONS), check.codes, "the intervention codes a contact note may carry"
    )
    face_to_face_share = Setting(
        "contacts.face_to_face_share", 0.5, check.share, "report warns when fewer contacts than this were in person"
    )
    sign_within_days = Setting(
        "notes.sign_within_days", 3, check.positive_int, "note lint lists records left unsigned longer"
    )
    outreach_after_absences = Setting(
        "outreach_after_absences", 2, check.positive_int,
        "due lists someone absent from this many of their group's last meetings, with no contact since",
    )  # fmt: skip
    cosign = Setting(
        "supervision.cosign", {}, check.cosign,
        "what a supervisor co-signs: all, none or sample PERCENT, for every kind or per kind (note, meeting, "
        "review, discharge); a sample is drawn once, when the record is signed",
        sample={"note": "sample 25", "discharge": "all"},
    )  # fmt: skip
    minutes_per_month = Setting(
        "supervision.minutes_per_month", None, check.optional_positive_int,
        "supervision each supervisee should have a month (supervise log); due lists a shortfall", sample=60,
    )  # fmt: skip
    due_look_back_weeks = Setting(
        "due.look_back_weeks", 8, check.positive_int, "how far back due looks for meetings nobody recorded"
    )
    definition_file = Setting(
        "definition_file", None, check.optional_path,
        "another state's service definition (criteria codes and wording, with a version); default: built in",
        sample="~/peer-program/definition.yaml", heading="Service definition: the criteria `intake` screens against.",
    )  # fmt: skip
    instruments_file = Setting(
        "instruments_file", None, check.optional_path,
        "a program's own scales; a relative path is read from this file's folder",
        sample="~/peer-program/instruments.yaml",
        heading='Outcome measures (see the README, "Recovery outcomes"): WHO-5 is built in.',
    )  # fmt: skip
    measures = Setting(
        "measures", [{"instrument": "who5", "every_months": 3}], check.measures,
        "due at enrollment, then every N months",
    )  # fmt: skip
    key_command = Setting(
        "encryption.key_command", None, check.optional_command,
        "prints the key (else peertool asks at a terminal); only from your own config",
        sample="pass show peertool",
        heading="Encryption at rest (see the README, \"Your data\"; needs pip install 'peertool[encryption]')",
    )  # fmt: skip
    key_timeout = Setting(
        "encryption.key_timeout", 30, check.positive_number,
        "seconds before a key_command that has not finished is stopped",
    )  # fmt: skip
    file_bytes = Setting(
        "limits.file_bytes", check.FILE_BYTES, check.positive_int, "the largest file peertool reads whole (16 MiB)"
    )


# key -> its declaration, in the order declared.
SPEC: dict[str, Setting[Any]] = {item.key: item for item in vars(Declared).values() if isinstance(item, Setting)}
