"""The `--include-notes` scrub: what it promises to catch, item by item, and what it must leave alone (issue 23)."""

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peertool.db.connection import Database
from peertool.people.participants import enroll
from peertool.safety.scrub import Scrub, scrubber

# The README's list of what the scrub catches (section "Many coaches, one program"), one entry per bullet:
# (the bullet, texts that hold it, each with the scrubbed text expected).
CAUGHT: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "every enrolled person's names (first, last, full), as whole words in any case, with or without accents, "
        "in any Unicode form",
        [("MARIA garcia came", "[name] [name] came"), ("Garci\u0301a came", "[name] came"),
         ("\uff27\uff41\uff52\uff43\uff49\uff41 came", "[name] came"), ("TOM STRAUSS and Zoe O'Brien",
         "[name] [name] and [name] O'[name]"), ("Mar\u200bia called", "[name] called")],
    ),
    (
        "those names glued together or to digits, as in hashtags and handles (`#MariaGarcia`, `mgarcia1985`)",
        [("#MariaGarcia", "#[name]"), ("#garciamaria!", "#[name]!"), ("tom1985 and mgarcia", "[name] and [name]"),
         ("maria_garcia", "[name]_[name]"), ("#ZoeOBrien", "#[name]")],
    ),
    (
        "every enrolled person's stored phone number, with any separators or none, and stored email address",
        [("call 5550105555", "call [phone]"), ("call 555 01 05 555", "call [phone]"),
         ("call 020 7946 0958", "call [phone]"), ("MGarcia1985@Example.ORG", "[email]")],
    ),
    (
        "phone numbers: North American with or without separators (spaces, dots, any dash, parentheses) and "
        "international ones written with `+`",
        [("555\u2013010\u20131234", "[phone]"), ("(555) 010-1234", "[phone]"), ("+1 555 010 1234", "[phone]"),
         ("5550101234", "[phone]"), ("555\u2212010\u22121234", "[phone]"), ("010-1234", "[phone]"),
         ("+44 20 7946 0959", "[phone]"), ("+33 1 23 45 67 89", "[phone]"), ("call 5555550123", "call [phone]"),
         ("call 15555550123.", "call [phone]."), ("0123456789", "[phone]"), ("1 5555550123", "[phone]")],
    ),
    (
        "local phone numbers of seven digits written without separators (`5550123`)",
        [("call 5550123 today", "call [phone] today"), ("tel:5550123.", "tel:[phone]."),
         ("(5550123)", "([phone])"), ("\uff15\uff15\uff15\uff10\uff11\uff12\uff13", "[phone]")],
    ),
    ("email addresses", [("write to x.y+z@example.co.uk.", "write to [email].")]),
    (
        "web addresses and social handles, also without `http` (`facebook.com/...`, `www.`, `@handle`)",
        [("see https://example.org/a?b=1.", "see [url]."), ("www.example.org", "[url]"),
         ("facebook.com/someone_else", "[url]"), ("on instagram.com/x1y2", "on [url]"),
         ("bit.ly/x2.", "[url]."), ("dm @sunny_day", "dm [url]")],
    ),
    (
        "social security-like numbers (`123-45-6789`, `123 45 6789`) and any run of 9 or more digits",
        [("123-45-6789", "[number]"), ("123 45 6789", "[number]"), ("123456789", "[number]"),
         ("card 4111111111111111", "card [number]")],
    ),
    (
        "street addresses (`221B Baker Street`, `12 Elm St.`), apartment and unit numbers (`Apt 4B`, `Suite 200`, "
        "`#12`), PO boxes and ZIP codes (`62704`, `62704-1234`)",
        [("at 221B Baker Street", "at [address]"), ("at 12 Elm St. today", "at [address] today"),
         ("1600 Pennsylvania Avenue", "[address]"), ("Apt 4B", "[address]"), ("Suite 200", "[address]"),
         ("unit #12", "[address]"), ("#12", "[address]"), ("PO Box 1234", "[address]"), ("P.O. Box 77", "[address]"),
         ("Springfield IL 62704", "Springfield IL [address]"), ("62704-1234", "[address]")],
    ),
    (
        "record numbers after a word that names them (`MRN 448812`, `MRN: A-448812`, `record # 448812`, `ID 77812`, "
        "`client id: 9931`, `chart no. 55123`), as `[number]`; the word is kept",
        [("MRN 448812", "MRN [number]"), ("MRN: A-448812", "MRN: [number]"), ("record # 448812", "record [number]"),
         ("ID 77812", "ID [number]"), ("client id: 9931", "client id: [number]"),
         ("chart no. 55123", "chart no. [number]"), ("M.R.N. 448812-01.", "M.R.N. [number]."),
         ("Medical record number is 0044881", "Medical record number is [number]"),
         ("member ID XJH4455667", "member ID [number]"), ("case #2026-0042", "case [number]"),
         ("patient no. 448", "patient no. [number]"), ("ID#4455", "ID[number]"), ("ID=5550123", "ID=[number]")],
    ),
    (
        "dates of birth after a word that names them (`born 3/14/1985`, `DOB: 03-14-1985`, `date of birth 14 March "
        "1985`, `born on March 14, 1985`, `d.o.b. 1985-03-14`, `birthday 3/14/85`), as `[date]`; the word is kept",
        [("born 3/14/1985", "born [date]"), ("DOB: 03-14-1985", "DOB: [date]"),
         ("date of birth 14 March 1985", "date of birth [date]"), ("born on March 14, 1985", "born on [date]"),
         ("d.o.b. 1985-03-14", "d.o.b. [date]"), ("birthday 3/14/85", "birthday [date]"),
         ("Her birthday is March 14th.", "Her birthday is [date]."), ("born 14th of Mar. 1985", "born [date]"),
         ("B-day: 14.03.1985", "B-day: [date]"), ("born in Sept 1985", "born in [date]"),
         ("birth date 03/1985", "birth date [date]"), ("Birthdate 1985-03", "Birthdate [date]"),
         ("DOB\uff1a\uff10\uff13\u2013\uff11\uff14\u2013\uff11\uff19\uff18\uff15!", "DOB\uff1a[date]!")],
    ),
]  # fmt: skip

# What must survive: dates, times, money and small numbers keep their meaning.
KEPT = [
    "Met on 2026-03-04 at 10:30 and again 03/04/2026, 6:30pm-8pm.",
    "Paid $12,000.50 and $62704 for rent; budget 12000 dollars.",
    "Scored 3 of 12, then 45; 1.5 hours; 2026; lesson 4; room 7.",
    "Walked 3 blocks down the road; my #1 goal; 2026-03-04T10:30.",
    "Dates 2026-03-04 2026-03-05 2026-03-06 and 01/02/2026 01/03/2026.",
    "Tommy and Marian met Garcias' friend Atom at the tombola.",
    "Quillfeather and Adam",
    "Version 3.14159265 of 1,234,567,890 steps.",
    "Met on 3/14/2026, next week at 10:30; he says he was born again; born 2 weeks early, born in 1985.",
    "Lost her ID card in 2019; ID 12 of 2 buses; a record 12 days; case no 2; in case # 3; paid 4455.",
    "A grant of $5550123 and 2500000 dollars; 3/14 born; the DOB field; record number pending.",
    "Born 10.5 pounds, born 1-2 weeks early; MRN pending; idea 44; valid 2026-03-04; mid-2019 in March.",
]


@pytest.fixture
def scrub(db: Database) -> Callable[[str], str]:
    """Three enrolled people with stored phones and emails (one discharged: the scrub covers everyone)."""
    people = [
        {"name": "Maria García", "phone": "555-010-5555", "email": "mgarcia1985@example.org"},
        {"name": "Tom Strauß", "phone": "+44 20 7946 0958"},
        {"name": "Zoë O'Brien", "email": "zob@example.net"},
    ]
    for person in people:
        enroll(db, person, max_group_size=12)
    db.execute("UPDATE participants SET status = 'discharged', discharged_on = '2026-02-01' WHERE id = 3")
    return scrubber(db)


@pytest.mark.parametrize(("bullet", "examples"), CAUGHT, ids=[bullet[:40] for bullet, _ in CAUGHT])
def test_each_item_the_readme_lists_is_caught(
    scrub: Callable[[str], str], bullet: str, examples: list[tuple[str, str]]
) -> None:
    assert [scrub(text) for text, _ in examples] == [expected for _, expected in examples]


def test_the_readme_lists_exactly_what_is_tested() -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = readme.split("<!-- scrub-caught: tests/test_safety_scrub.py tests each line -->")[1]
    bullets = [line[2:] for line in block.split("<!-- /scrub-caught -->")[0].strip().splitlines()]
    assert bullets == [bullet for bullet, _ in CAUGHT]


@pytest.mark.parametrize("text", KEPT)
def test_dates_times_money_and_small_numbers_survive(scrub: Callable[[str], str], text: str) -> None:
    assert scrub(text) == text


def test_the_issue_reproductions_are_caught(scrub: Callable[[str], str]) -> None:
    text = ("5550105555 / 555\u2013010\u20131234 / +44 20 7946 0958 / facebook.com/mgarcia1985 / 123 45 6789 / "
            "123456789 / 221B Baker Street / Apt 4B / PO Box 1234 / ZIP 62704 / #MariaGarcia / "
            + unicodedata.normalize("NFD", "García") + " / maria-garcia-5550101234")  # fmt: skip
    assert scrub(text) == (
        "[phone] / [phone] / [phone] / [url] / [number] / [number] / [address] / [address] / [address] / "
        "ZIP [address] / #[name] / [name] / [name]-[name]-[phone]"
    )


def test_the_issue_30_reproductions_are_caught(scrub: Callable[[str], str]) -> None:
    text = (
        "Clinic rang 5555550123, then 15555550123; her own line is 5550123. Letter: MRN: A-448812, client id: 9931, "
        "chart no. 55123; DOB: 03-14-1985 (born on March 14, 1985), a 2nd letter on 3/14/2026 at 10:30."
    )
    assert scrub(text) == (
        "Clinic rang [phone], then [phone]; her own line is [phone]. Letter: MRN: [number], client id: [number], "
        "chart no. [number]; DOB: [date] (born on [date]), a 2nd letter on 3/14/2026 at 10:30."
    )


# Long hostile texts: every pattern is linear by construction (possessive runs, bounded groups), so each of these is
# scrubbed in one pass; what is checked is the result, never the time.
HOSTILE = [
    ("5" * 100_000, "[number]"),
    ("DOB " * 25_000, "DOB " * 25_000),
    ("DOB " * 25_000 + "3/14/1985", "DOB " * 25_000 + "[date]"),
    ("born on " * 12_500 + "March 14, 1985", "born on " * 12_500 + "[date]"),
    ("ID " * 30_000 + "7" * 10_000, "ID " * 30_000 + "[number]"),
    ("MRN #" * 20_000, "MRN #" * 20_000),
    ("DOB 1/" * 20_000, "DOB 1/" * 20_000),
    ("born 14 " * 12_500, "born 14 " * 12_500),
    ("record no. " * 10_000 + "A-" + "1-" * 20_000, "record no. " * 10_000 + "A-" + "1-" * 20_000),
    (" " * 100_000 + "DOB" + " " * 100_000 + "3/14/85", " " * 100_000 + "DOB" + " " * 100_000 + "[date]"),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE, ids=[f"{text[:12]!r}x{len(text)}" for text, _ in HOSTILE])
def test_long_hostile_text_is_scrubbed_right(text: str, expected: str) -> None:
    assert Scrub([])(text) == expected


BIRTHS = ["DOB 3/14/1985", "born on March 14, 1985", "date of birth 1985-03-14", "d.o.b. 14.03.85"]
# Cue words, record numbers and digits that make no date of birth by themselves, in any order.
NOISE = ["DOB", "born", "on", "ID", "MRN", "#", ":", "-", "/", "March", "5" * 40, "no.", "again", "\u00a0"]


@given(st.lists(st.sampled_from(BIRTHS + NOISE), max_size=60))
def test_every_date_of_birth_among_cue_words_and_digits_is_caught(pieces: list[str]) -> None:
    scrubbed = Scrub([])(" ".join(pieces))
    assert scrubbed.count("[date]") == sum(piece in BIRTHS for piece in pieces)
    assert "85" not in scrubbed


def test_the_name_of_a_person_enrolled_without_phone_or_email_is_scrubbed(scrub: Callable[[str], str]) -> None:
    assert scrub("Zoë came; zoe, ZOË and Zoe\u0308 too") == "[name] came; [name], [name] and [name] too"


def test_a_particle_inside_a_name_is_not_a_name_by_itself() -> None:
    scrub = Scrub([("Ana de la Cruz", None, None)])
    assert scrub("la casa de Ana Cruz; #AnaDeLaCruz") == "la casa de [name] [name]; #[name]"
    assert Scrub([("De Shawn Li", None, None)])("De Shawn came de nuevo") == "[name] [name] came [name] nuevo"


def test_text_around_a_replacement_is_kept_exactly(scrub: Callable[[str], str]) -> None:
    text = "Ça va — Maria’s note:\tcall 555.010.5555 (Zoë\u0301)."
    assert scrub(text) == "Ça va — [name]’s note:\tcall [phone] ([name])."


SEPARATORS = st.sampled_from(["", " ", ".", "-", "/", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015",
                              "\u2212", " - ", "\u00a0", "\uff0d"])  # fmt: skip


@given(
    area=st.from_regex(r"[2-9][0-9]{2}", fullmatch=True),
    exchange=st.from_regex(r"[0-9]{3}", fullmatch=True),
    line=st.from_regex(r"[0-9]{4}", fullmatch=True),
    first=SEPARATORS,
    second=SEPARATORS,
    parens=st.booleans(),
)
def test_any_separator_between_phone_digit_groups_is_caught(
    area: str, exchange: str, line: str, first: str, second: str, parens: bool
) -> None:
    written = f"({area}){first}{exchange}{second}{line}" if parens else f"{area}{first}{exchange}{second}{line}"
    scrub = Scrub([])
    assert scrub(f"call {written} today") == "call [phone] today"


@given(
    digits=st.from_regex(r"[2-9][0-9]{9}", fullmatch=True),
    cuts=st.lists(st.integers(1, 9), max_size=4, unique=True),
    separator=SEPARATORS,
)
def test_a_stored_phone_is_caught_however_its_digits_are_grouped(digits: str, cuts: list[int], separator: str) -> None:
    scrub = Scrub([("A B", f"{digits[:3]}-{digits[3:6]}-{digits[6:]}", None)])
    written = "".join((separator if i in cuts else "") + digit for i, digit in enumerate(digits))
    assert not re.search(r"[0-9]", scrub(f"number: {written}."))


@given(
    name=st.sampled_from(["María García", "Zoë O'Brien", "Tom Strauß", "Ñandú Çelik"]),
    form=st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
    case=st.sampled_from([str.upper, str.lower, str.title, str]),
)
def test_a_stored_name_is_caught_in_any_normalisation_and_case(
    name: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"], case: Callable[[str], str]
) -> None:
    scrubbed = Scrub([(name, None, None)])(f"Met {unicodedata.normalize(form, case(name))} today.")
    assert re.findall(r"\w{2,}", scrubbed.replace("[name]", " ")) == ["Met", "today"]


def test_a_short_stored_phone_is_caught_only_as_whole_digit_groups() -> None:
    """Seven digits are too few to look for inside other numbers: a run of dates must not lose a stretch."""
    scrub = Scrub([("A B", "603-0420", None)])
    assert scrub("On 2026-03-04 2026-03-05, call 603 0420 or 6030420.") == (
        "On 2026-03-04 2026-03-05, call [phone] or [phone]."
    )


@given(st.text())
def test_any_text_is_scrubbed_without_error(text: str) -> None:
    scrub = Scrub([("María García", "555-010-5555", "mgarcia1985@example.org")])
    assert isinstance(scrub(text), str)
