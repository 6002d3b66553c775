"""The scrub of free text kept by a de-identified export with `--include-notes`.

It lives apart from `deidentify` because it is a matcher of its own (folding, patterns, the enrolled people's
identifiers) that the export only calls, and together they would pass the 400-line limit.

Text is matched in a folded copy: compatibility-decomposed (NFKD, so NFC, NFD and NFKC forms and full-width
letters all fold alike), accents and invisible format characters dropped, case folded, every Unicode dash made
`-` and every decimal digit ASCII. Each folded character remembers the original one it came from, so what is
replaced is the original text and everything around it is kept exactly.

What is caught: every enrolled person's stored names (each word of two letters or more, the whole name and its
words glued together in any order, an initial glued to another word, any of these followed by digits), stored
phone numbers (their digits, however they are grouped or separated) and stored emails (and their local part as a
handle); and, for anyone, phone numbers (seven digits alone too), emails, web addresses and handles, SSN-like numbers
and runs of nine digits or more, street addresses, unit numbers, PO boxes and ZIP codes, and record numbers and dates
of birth after a word that names them ("MRN", "born"; the word is kept). Other dates, times, money and small numbers
are kept.

Everything that depends on the people is built once per export (`Scrub`); the patterns are compiled once.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import permutations
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peertool.db.connection import Database

Person = tuple[str | None, str | None, str | None]  # name, phone, email as stored
Span = tuple[int, int, int, str]  # start, end, priority (lower wins a tie), replacement

_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_DROPPED = frozenset({"Mn", "Me", "Cf"})  # combining marks and invisible format characters (zero-width space...)
_KEEP = r"[^\s.,;:!?)\]}'\"]"  # the last character of a URL: not the punctuation that ends the sentence
_SEP = r"(?:\s*+[./-]?\s*+)"  # between phone digit groups: nothing, or spaces around at most one . / or dash
_AREA = r"(?:\([0-9]{3}\)|[0-9]{3})"
# Right after a pattern's first character (a pattern that begins with a character, not a look-behind, is searched
# for many times faster): that character does not continue a number, or a word.
_FIRST = r"(?<![0-9].)(?<![0-9][.,].)"
_WORD_START = r"(?<!\w.)"
_NOT_BEFORE_NUMBER = r"(?![0-9]|[.,][0-9])"
_STOP = (
    r"the|a|an|to|of|on|in|at|by|for|from|with|and|or|but|down|up|along|across|into|onto|over|my|his|her|their|our|"
    r"your|its|this|that|more|other|hours?|minutes?|mins?|days?|weeks?|months?|years?|times?|miles?|blocks?|km|steps?"
)
_SUFFIX = (
    r"(?:street|avenue|road|boulevard|lane|drive|court|way|place|terrace|circle|highway|parkway|trail|crescent|"
    r"plaza)\b|(?:st|ave|rd|blvd|ln|dr|ct|pl|ter|cir|hwy|pkwy|trl)\b\.?"
)
_TLD = r"com|org|net|edu|gov|io|co|us|uk|ca|au|info|biz|app|dev"
_PARTICLES = frozenset("al bin da das de del della der di do dos du el ibn la le ten ter van von y".split())
# A number standing alone: not glued to a word or a number, not after a currency sign, not money spelt after it.
_LONE = r"(?<![\w$€£¥].)(?<![$€£¥]\s.)(?<![0-9][.,].)"
_NOT_MONEY = r"(?![0-9]|[.,][0-9]|\s?(?:dollars?|usd|euros?|pounds?|cents?)\b)"
_NOT_LETTER = r"(?![^\W\d_])"  # the end of a word that may end in "." ("d.o.b.")


def _cue(words: Iterable[str], after: str) -> str:
    """Each word followed by `after`, as alternatives that each begin with a plain letter, so that the pattern is
    searched for fast, and then check that the letter starts a word ("id" is no cue inside "paid")."""
    return "|".join(word[0] + _WORD_START + word[1:] + after for word in words)


# A record number: after a word that always names one, or after one that does with "no.", "number" or "#" (a
# "record 12 days" is no record number); at least three digits. Only the group `scrubbed` is replaced (with the "#"
# before the number: the "#12" pattern would otherwise start first and name it an address). It comes before the
# phone and ZIP patterns, so that it names the digits they also match ("ID 77812" is no ZIP code).
_MARKER = rf"(?:no|nr|num|number){_NOT_LETTER}\.?"
_RECORD_CUE = "|".join((
    _cue(["mrn", r"m\.r\.n\.?", "id", r"i\.d\.?", r"medical\s++record"], rf"{_NOT_LETTER}(?:\s*+{_MARKER})?"),
    _cue(["record", "chart", "case", "file", "client", "patient", "member", "account", "acct", "policy"],
         rf"\s*+(?:{_MARKER}|(?=#))"),
))  # fmt: skip
_RECORD = (
    rf"(?:{_RECORD_CUE})(?:\s*+(?:is|was){_NOT_LETTER})?\s*+[:=]?\s*+"
    r"(?P<scrubbed>#?\s*+(?:[a-z]{1,3}-?)?[0-9]{3,}+(?:[-/][0-9a-z]++)*+)"
)
# A date of birth: a date after a word that names it, with a day or a month (a year alone is kept, as any year is).
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"[0-9]{1,2}(?:st|nd|rd|th)?\b"
_YEAR = r"[0-9]{4}"
_DATE = (
    rf"[0-9]{{1,2}}/(?:{_YEAR}|[0-9]{{1,2}}(?:/(?:[0-9]{{2}}){{1,2}})?)"  # 3/14, 3/14/85, 3/14/1985, 3/1985
    rf"|[0-9]{{1,2}}(?P<sep>[.-])[0-9]{{1,2}}(?P=sep)(?:[0-9]{{2}}){{1,2}}"  # 14.03.85, 03-14-1985 (not 10.5)
    rf"|{_YEAR}(?P<iso>[./-])[0-9]{{1,2}}(?:(?P=iso)[0-9]{{1,2}})?"  # 1985-03-14, 1985-03
    rf"|{_MONTH}\s*+(?:{_DAY}(?:,?\s*+{_YEAR})?|{_YEAR})"  # March 14, March 14th, 1985, Mar. 1985
    rf"|{_DAY}\s*+(?:of\s++)?{_MONTH}(?:,?\s*+{_YEAR})?"  # 14 March 1985, 14th of March
)
_BIRTH_CUE = _cue(["born", "dob", r"d\.o\.b\.?", r"date\s++of\s++birth", r"birth\s*+(?:date|day)", "b-?day"], "")
_BIRTH = (
    rf"(?:{_BIRTH_CUE}){_NOT_LETTER}(?:\s*+(?:on|in|is|was){_NOT_LETTER})?\s*+[:=-]?\s*+"
    rf"(?P<scrubbed>(?:{_DATE})(?![0-9]))"
)

# (what the text must hold for the pattern to be tried: "@", "+", "." or ":", a dot between a letter or digit and a
# letter "a.b", or a digit "0"; the pattern on folded text; the replacement), in order of priority. Where a pattern
# has a group `scrubbed`, only that group is replaced, and the words before it ("MRN", "born on") are kept.
PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    ("@", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (".", re.compile(rf"[hw]{_WORD_START}(?:(?<=h)ttps?://|(?<=w)ww\.)\S*{_KEEP}"), "[url]"),
    ("a.b", re.compile(rf"[a-z0-9]{_WORD_START}[a-z0-9-]*+\.(?:[a-z0-9][a-z0-9-]*+\.)*"
                     rf"(?:(?:{_TLD})\b(?:/\S*{_KEEP})?|[a-z]{{2,}}/\S*{_KEEP})"), "[url]"),
    ("@", re.compile(r"@(?<![\w.@].)(?=[0-9_.]*[a-z])[a-z0-9_.]*[a-z0-9_]"), "[url]"),
    ("0", re.compile(_RECORD), "[number]"),
    ("0", re.compile(_BIRTH), "[date]"),
    ("+", re.compile(r"\+(?<![\w+].)[0-9](?:[\s./()-]{0,3}[0-9]){6,14}(?![0-9])"), "[phone]"),
    ("0", re.compile(rf"[+(0-9]{_FIRST}(?:(?<=\+)1{_SEP}{_AREA}|(?<=\()[0-9]{{3}}\)|(?<=[0-9])(?:(?<=1){_SEP}{_AREA}|"
                     rf"[0-9]{{2}})){_SEP}[0-9]{{3}}{_SEP}[0-9]{{4}}{_NOT_BEFORE_NUMBER}"), "[phone]"),
    ("0", re.compile(r"0(?<![0-9./-].)[0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9])"), "[phone]"),
    ("0", re.compile(rf"[0-9]{_FIRST}(?<![$€£¥].)[0-9]{{2}}[.-][0-9]{{4}}{_NOT_BEFORE_NUMBER}"), "[phone]"),
    ("0", re.compile(rf"[0-9]{_LONE}[0-9]{{6}}{_NOT_MONEY}"), "[phone]"),
    ("0", re.compile(rf"[0-9]{_FIRST}[0-9]{{2}}([ .-]?)[0-9]{{2}}\1[0-9]{{4}}{_NOT_BEFORE_NUMBER}"), "[number]"),
    ("0", re.compile(rf"[0-9]{_FIRST}[0-9]{{8,}}{_NOT_BEFORE_NUMBER}"), "[number]"),
    ("0", re.compile(rf"[0-9]{_WORD_START}[0-9]{{0,5}}[a-z]?\s+(?:(?!(?:{_STOP})\b)(?:[0-9]+(?:st|nd|rd|th)|"
                     rf"[a-z][\w'.-]*+)\s+){{1,4}}(?:{_SUFFIX})"), "[address]"),
    ("0", re.compile(rf"p{_WORD_START}(?:\.?\s?o\.?|ost\s+office)\s*box\s*#?\s*[0-9]+\b"), "[address]"),
    ("0", re.compile(rf"[aus]{_WORD_START}(?:(?<=a)(?:pt|partment)|(?<=u)nit|(?<=s)(?:uite|te))\.?\s*#?\s*[0-9]+"
                     r"[a-z]?\b"), "[address]"),
    ("0", re.compile(r"#(?<![\w&#].)\s?(?:[0-9]{2,}[a-z]?|[0-9][a-z])\b"), "[address]"),
    ("0", re.compile(rf"[0-9]{_LONE}[0-9]{{4}}(?:-[0-9]{{4}})?{_NOT_MONEY}"), "[address]"),
]  # fmt: skip
_TOKEN = re.compile(r"[^\W_]+")  # a run of letters and digits
_NAME_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"[0-9]")
_DOMAIN_DOT = re.compile(r"[a-z0-9-]\.[a-z]")
_GLUED = re.compile(r"[^\W\d_][0-9]")  # a letter and a digit in one token
_DIGIT_RUN = re.compile(r"[0-9](?:[\s.()/-]{0,3}[0-9])+")
_WORD_PRIORITY = len(PATTERNS) + 1


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    out = []
    for part in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(part) in _DROPPED:
            continue
        digit = unicodedata.decimal(part, None)
        out.append("-" if part in _DASHES else str(digit) if digit is not None else part)
    return "".join(out).casefold()


def fold(text: str) -> tuple[str, list[int] | None]:
    """The folded text, and for each of its characters the index of the original one (None: the same index)."""
    if text.isascii():
        return text.lower(), None
    pieces, origin = [], []
    for index, ch in enumerate(text):
        piece = _fold_char(ch)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def folded(text: str) -> str:
    """Text compared without case, accents, Unicode form or kind of dash."""
    return fold(text)[0]


class Scrub:
    """The scrub for one export: the enrolled people's identifiers, folded, looked up by whole token."""

    def __init__(self, people: Iterable[Person]):
        self.words: dict[str, str] = {}
        self.phones: set[str] = set()
        emails = []
        for name, phone, email in people:
            self._add_name(name or "")
            self._add_phone(phone or "")
            emails.append(email or "")
        for email in emails:  # a name's words win over an email's local part
            local = re.sub(r"[\W_]", "", folded(email).partition("@")[0])
            if len(local) >= 4 and not local.isdigit():
                self.words.setdefault(local, "[email]")
        self.phone_lengths = sorted({len(digits) for digits in self.phones}, reverse=True)
        # Programs repeat texts (lesson titles, homework), so an export scrubs each distinct one once.
        self._cached = lru_cache(maxsize=4096)(self._scrub)

    def _add_name(self, name: str) -> None:
        """Each word of two letters or more (but a particle after the first word: "de la" Cruz), and the words glued
        in any order (a longer name only as written), or after another's initial, of four letters or more."""
        words = _NAME_WORD.findall(folded(name))
        variants = {word for i, word in enumerate(words) if len(word) > 1 and (i == 0 or word not in _PARTICLES)}
        glued = {"".join(words)}
        sizes = range(2, len(words) + 1) if len(words) <= 4 else range(0)
        glued.update("".join(chosen) for size in sizes for chosen in permutations(words, size))
        glued.update(first[0] + other for first, other in permutations(words, 2) if len(other) >= 3)
        for variant in variants | {word for word in glued if len(word) >= 4}:
            self.words[variant] = "[name]"

    def _add_phone(self, phone: str) -> None:
        """Its digits (seven at least), and the last 10 of a longer number (typed without the country code)."""
        digits = "".join(ch for ch in folded(phone) if ch.isdigit())
        if len(digits) >= 7:
            self.phones.add(digits)
        if len(digits) > 10:
            self.phones.add(digits[-10:])

    def __call__(self, text: str) -> str:
        return self._cached(text)

    def _scrub(self, text: str) -> str:
        flat, origin = fold(text)
        digits = _DIGIT.search(flat) is not None
        spans = [*_pattern_spans(flat, digits), *self._word_spans(flat, digits)]
        if digits:
            spans += self._phone_spans(flat)
        return _replace(text, origin, spans) if spans else text

    def _word_spans(self, flat: str, digits: bool) -> Iterator[Span]:
        """Tokens that are a stored name (or email's local part), alone or followed by digits."""
        if self.words.keys().isdisjoint(_TOKEN.findall(flat)) and not (digits and _GLUED.search(flat)):
            return
        for match in _TOKEN.finditer(flat):
            token = match.group()
            label = self.words.get(token)
            if label is None and token[-1].isdigit():
                core = token.rstrip("0123456789")
                label = self.words.get(core) if len(core) > 1 else None
            if label is not None:
                yield match.start(), match.end(), _WORD_PRIORITY, label

    def _phone_spans(self, flat: str) -> Iterator[Span]:
        """A stored phone's digits in a run of digits and separators, widened to the digits it touches. Fewer than 10
        digits must be whole groups: seven could be found by chance in a run of dates ("2026-03-04 2026-03-05")."""
        if not self.phones:
            return
        shortest = self.phone_lengths[-1]
        for run in _DIGIT_RUN.finditer(flat):
            at = [run.start() + i for i, ch in enumerate(run.group()) if ch.isdigit()]
            if len(at) < shortest:
                continue
            digits = "".join(flat[i] for i in at)
            for length in self.phone_lengths:
                for first in range(len(digits) - length + 1):
                    if digits[first : first + length] in self.phones:
                        start, end = _widened(at, first, first + length - 1)
                        if length >= 10 or (start, end) == (at[first], at[first + length - 1] + 1):
                            yield start, end, 0, "[phone]"


def _widened(at: list[int], first: int, last: int) -> tuple[int, int]:
    """From the first to the last digit, and on over digits that touch them with no separator between."""
    while first > 0 and at[first - 1] == at[first] - 1:
        first -= 1
    while last < len(at) - 1 and at[last + 1] == at[last] + 1:
        last += 1
    return at[first], at[last] + 1


def _pattern_spans(flat: str, digits: bool) -> Iterator[Span]:
    """Each pattern's matches; a pattern is tried only when the text holds what every match of it must hold."""
    holds = {"@": "@" in flat, ".": "." in flat or ":" in flat, "a.b": bool(_DOMAIN_DOT.search(flat)),
             "+": "+" in flat, "0": digits}  # fmt: skip
    for priority, (needed, pattern, replacement) in enumerate(PATTERNS, start=1):
        if holds[needed]:
            scrubbed = pattern.groupindex.get("scrubbed", 0)
            for match in pattern.finditer(flat):
                yield *match.span(scrubbed), priority, replacement


def _replace(text: str, origin: list[int] | None, spans: list[Span]) -> str:
    """The text with every span replaced; overlapping spans become one, named by the earliest and longest."""
    if origin is not None:
        spans = [(origin[start], _end_in(text, origin[end - 1] + 1), rank, label) for start, end, rank, label in spans]
    merged: list[tuple[int, int, str]] = []
    for start, end, _, label in sorted(spans, key=lambda span: (span[0], -span[1], span[2])):
        if merged and start < merged[-1][1]:
            first, last, named = merged[-1]
            merged[-1] = (first, max(last, end), named)
        else:
            merged.append((start, end, label))
    out, done = [], 0
    for start, end, label in merged:
        out += [text[done:start], label]
        done = end
    return "".join(out) + text[done:]


def _end_in(text: str, end: int) -> int:
    """An end in the original text, moved past the marks and invisible characters that fold to nothing."""
    while end < len(text) and not _fold_char(text[end]):
        end += 1
    return end


def scrubber(db: "Database") -> Callable[[str], str]:
    """The scrub for everyone ever enrolled in the database (discharged people too)."""
    return Scrub(db.execute("SELECT name, phone, email FROM participants").fetchall())
