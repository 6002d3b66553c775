"""The domain's closed sets, each declared once: what the CLI offers, validation and the config accept, the
library and the solver compare with, and the schema's CHECK constraints allow (`tests/test_vocab.py`).

A set the CLI offers as a choice is a StrEnum (Typer lists its values in `--help`, in this order, and
completes them); the library reads the same set as a tuple of words. Adding a word here does not change
a CHECK constraint: that takes a migration.
"""

from enum import StrEnum


def words(choices: type[StrEnum]) -> tuple[str, ...]:
    """A choice's words, in the order `--help` shows them."""
    return tuple(choice.value for choice in choices)


class ProgramKind(StrEnum):
    """How a program meets: a group-year (IML: a group of members, themed months, pairs) or a drop-in (a place
    and its open days, attended by anyone enrolled in the program)."""

    group_year = "group-year"
    drop_in = "drop-in"


class Status(StrEnum):
    """A participant's status, and `all` for a list of both."""

    active = "active"
    discharged = "discharged"
    all = "all"


class Stage(StrEnum):
    partnered = "partnered"
    ready_solo = "ready-solo"


class Referral(StrEnum):
    self = "self"
    clinician = "clinician"
    case_manager = "case-manager"
    other = "other"


class ReasonCode(StrEnum):
    """Why a participant was discharged, as a code an export can count: the service definition's discharge
    criteria A (no-longer-wishes) and B (goals-met), its exclusion criteria arising mid-service
    (higher-level-of-care, exclusion-arose), and the program's own."""

    no_longer_wishes = "no-longer-wishes"
    goals_met = "goals-met"
    higher_level_of_care = "higher-level-of-care"
    exclusion_arose = "exclusion-arose"
    moved = "moved"
    lost_contact = "lost-contact"
    deceased = "deceased"
    other = "other"


class Mode(StrEnum):
    """How a meeting or a contact happened."""

    in_person = "in-person"
    phone = "phone"
    video = "video"


class Audience(StrEnum):
    """Whom community education is with: community providers, or natural supports (family, friends, faith)."""

    providers = "providers"
    natural_supports = "natural-supports"


class GoalStatus(StrEnum):
    active = "active"
    achieved = "achieved"
    paused = "paused"
    dropped = "dropped"


class Homework(StrEnum):
    """How an attendee did with the last meeting's homework."""

    done = "done"
    tried = "tried"
    not_tried = "not-tried"


class Kind(StrEnum):
    """What a natural support or community connection is."""

    person = "person"
    group = "group"
    place = "place"
    role = "role"


class ServiceKind(StrEnum):
    """What other service a screened person receives (peer support is adjunctive), or none."""

    clinical = "clinical"
    psychiatric = "psychiatric"
    case_management = "case-management"
    other = "other"
    none = "none"


class EventKind(StrEnum):
    """What happened that a person's record must hold: an escalation toward a crisis, a referral, a stay in
    hospital, the return from one, an incident."""

    escalation = "escalation"
    referral = "referral"
    hospitalization = "hospitalization"
    return_ = "return"
    incident = "incident"


class ActivityKind(StrEnum):
    """What an activity of the program is (issue 27): the Independence Program's recreational, spiritual and
    educational activities, skills practice, and community events."""

    recreational = "recreational"
    spiritual = "spiritual"
    educational = "educational"
    skills = "skills"
    community = "community"


class PaidBy(StrEnum):
    """Who pays for an outing or an activity: the activity fund (counted by `budget`), the participants, or no one."""

    FUND = "fund"
    PARTICIPANTS = "participants"
    FREE = "free"


class Odd(StrEnum):
    """What pairing does with an odd number of people: one trio, one with the coach, or refuse."""

    trio = "trio"
    coach = "coach"
    refuse = "refuse"


class OutingKind(StrEnum):
    """What an outing is, from who went (`outcomes.outing_kinds`): the coach along, two, three or more, or one."""

    solo = "solo"
    partner = "partner"
    group = "group"
    with_coach = "with-coach"


class DueKind(StrEnum):
    """What `due` lists (`outcomes.due`): a continued-stay review, an outcome measure, an intake screening, a
    signature past `notes.sign_within_days`, a co-signature, supervision time, a meeting the schedule says was
    held but nobody recorded, repeated absences with no contact since, a partner left without one, a group below
    its program's minimum."""

    review = "review"
    measure = "measure"
    intake = "intake"
    signature = "signature"
    cosign = "cosign"
    supervision = "supervision"
    unrecorded_meeting = "unrecorded-meeting"
    absent = "absent"
    no_partner = "no-partner"
    group_size = "group-size"


class YesNo(StrEnum):
    yes = "yes"
    no = "no"


class Dates(StrEnum):
    """How a de-identified export shows dates: the month (YYYY-MM), or exact (a limited data set)."""

    month = "month"
    exact = "exact"


# Output formats: each command offers the ones it can print, in the order its `--help` lists them.
class SheetFormat(StrEnum):
    """How a sheet (prep, report) is printed."""

    table = "table"
    markdown = "markdown"
    json = "json"


class ChartFormat(StrEnum):
    """How `participant chart` prints a chart."""

    markdown = "markdown"
    json = "json"


class ScheduleFormat(StrEnum):
    """How `schedule` prints the dated themes."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    ics = "ics"


class ExportFormat(StrEnum):
    """How `export` writes: json (one file), csv or parquet (one file per table)."""

    json = "json"
    csv = "csv"
    parquet = "parquet"


class StaffRole(StrEnum):
    """What a staff member does: coaches (peer specialists), supervisors (who co-sign), the program director."""

    coach = "coach"
    supervisor = "supervisor"
    director = "director"


STATUSES = words(Status)
PROGRAM_KINDS = words(ProgramKind)
STAGES = words(Stage)
REFERRALS = words(Referral)
DISCHARGE_CODES = words(ReasonCode)
CONTACT_MODES = words(Mode)
AUDIENCES = words(Audience)
GOAL_STATUSES = words(GoalStatus)
HOMEWORK = words(Homework)
CONNECTION_KINDS = words(Kind)
EVENT_KINDS = words(EventKind)
ACTIVITY_KINDS = words(ActivityKind)
PAID_BY = words(PaidBy)
ODD_WAYS = words(Odd)
OUTING_KINDS = words(OutingKind)
SERVICE_KINDS = words(ServiceKind)
STAFF_ROLES = words(StaffRole)
# The kinds of record that are signed (and amended), as `signatures.record` names them; `supervision.cosign`
# sets a policy for each.
SIGNED_KINDS = ("note", "meeting", "review", "discharge")
DUE_KINDS = words(DueKind)
# What a screening concluded: admitted (eligible), or not and why; and what each of its answers is about.
SCREENING_OUTCOMES = ("eligible", "excluded", "not-eligible")
SCREENING_ANSWERS = ("criterion", "exclusion", "service")
DATES = words(Dates)

# Sets no command offers as a choice: the config's.
GENDER_POLICIES = ("avoid-mixed", "any")
ROUNDINGS = ("eight-minute", "complete", "none")  # how minutes become billing units (see `units`)
# What is rounded: a day's minutes of one person and billing line, added (CMS), or each record alone.
COUNT_BY = ("day", "record")

# The interventions a peer specialist provides, as the service definition names them (section I): the default of
# the `interventions` setting, which a program may replace with its own definition's codes.
INTERVENTIONS = ("self-help", "community-education", "advocacy", "pre-crisis", "education-employment", "symptoms")
COMMUNITY_EDUCATION = "community-education"  # what a community contact (`contact add --community`) is

# The vocabulary goal domains are exported as (free text that matches none of them becomes "other").
GOAL_DOMAINS = (
    "transportation",
    "housing",
    "employment",
    "education",
    "health",
    "social",
    "faith",
    "recreation",
    "finances",
    "daily-living",
    "other",
)
