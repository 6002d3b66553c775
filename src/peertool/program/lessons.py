"""The lesson library: plans per theme, and which to suggest next.

The built-in plans ship as `data/lessons.json`: JSON, because the Python
JSON reader loads them at once, where importing PyYAML alone would add
8 ms to every `prep`. A coach's own file (config key `lessons_file`) is YAML;
it adds plans, or replaces a built-in plan of the same title, so an agency
can grow its library without forking the tool.

Each plan belongs to one of the program's focal themes; its `tags` are the
threads it answers, and prep ranks plans by how well those match what the
group keeps bringing up.
"""

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from peertool.config_checks import FILE_BYTES
from peertool.errors import ConfigError, shown

if TYPE_CHECKING:
    from peertool.program.threads import Thread


class Plan(TypedDict):
    """A lesson plan: an item of `lessons`."""

    title: str
    theme: str
    skill: str
    outline: list[str]
    prompts: list[str]
    practice: str
    tags: list[str]


class Suggested(Plan):
    """A plan suggested for a meeting: how well it fits the recent threads, and which."""

    fit: float
    matches: list[str]


REQUIRED = ("title", "theme", "skill", "outline", "prompts", "practice")


def load_library(lessons_file: str | None = None, max_bytes: int = FILE_BYTES) -> list[Plan]:
    """Built-in plans, extended or overridden by `lessons_file` (refused when over `max_bytes`)."""
    import json

    builtin = resources.files("peertool") / "data" / "lessons.json"
    data = json.loads(builtin.read_text(encoding="utf-8"))
    plans = {_key(p): p for p in _checked(data, "the built-in library")}
    if lessons_file:
        from peertool.files import read_text

        path = Path(lessons_file)
        text = read_text(path, "lessons_file", missing=ConfigError, unreadable=ConfigError, max_bytes=max_bytes)
        for plan in _parse(text, f"lessons_file {path}"):
            plans[_key(plan)] = plan
    return list(plans.values())


def _key(plan: Plan) -> str:
    return plan["title"].casefold()


def _parse(text: str, source: str) -> list[Plan]:
    from peertool.yamlfile import YamlError, load

    try:
        data = load(text)
    except YamlError as exc:
        raise ConfigError(f"{source}: {exc.reason}.") from None
    return _checked(data, source)


def _checked(data: object, source: str) -> list[Plan]:
    if not isinstance(data, list):
        raise ConfigError(f"{source} must be a list of lesson plans.")
    return [_check(number, plan, source) for number, plan in enumerate(data, start=1)]


def _check(number: int, plan: object, source: str) -> Plan:
    if not isinstance(plan, dict):
        raise ConfigError(f"{source}: plan {number} is not a mapping.")
    for key in REQUIRED:
        value = plan.get(key)
        is_list = key in ("outline", "prompts")
        if is_list:
            ok = isinstance(value, list) and bool(value) and all(isinstance(v, str) and v.strip() for v in value)
        else:
            ok = isinstance(value, str) and bool(value.strip())
        if not ok:
            kind = "a list of texts" if is_list else "a text"
            raise ConfigError(f"{source}: plan {number}, key {shown(key)} must be {kind}.")
    tags = plan.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{source}: plan {number}, key 'tags' must be a list of texts.")
    return {
        "title": plan["title"],
        "theme": plan["theme"],
        "skill": plan["skill"],
        "outline": plan["outline"],
        "prompts": plan["prompts"],
        "practice": plan["practice"],
        "tags": [t.strip().lower() for t in tags],
    }


def for_theme(plans: list[Plan], theme: str | None) -> list[Plan]:
    """The plans of one theme (any case), or all."""
    if theme is None:
        return plans
    wanted = theme.strip().casefold()
    return [p for p in plans if p["theme"].casefold() == wanted]


def suggest(plans: list[Plan], theme: str, threads: "list[Thread]", used: set[str]) -> list[Suggested]:
    """The theme's plans not yet used with the group, best fit with recent threads first.

    A plan's fit is the summed score of the recent threads its tags answer;
    ties keep the library's order.
    """
    weights = {t["tag"]: t["score"] for t in threads}
    used_keys = {title.casefold() for title in used}
    ranked: list[Suggested] = []
    for plan in for_theme(plans, theme):
        if _key(plan) in used_keys:
            continue
        matched = [tag for tag in plan["tags"] if tag in weights]
        ranked.append({**plan, "fit": round(sum(weights[t] for t in matched), 3), "matches": matched})
    return sorted(ranked, key=lambda p: -p["fit"])


def library(lessons_file: str | None, theme: str | None = None, max_bytes: int = FILE_BYTES) -> list[Plan]:
    """`peertool lessons [--theme T]`: the library, or one theme's plans; a theme with none is NotFound,
    suggesting the closest themes."""
    plans = for_theme(load_library(lessons_file, max_bytes), theme)
    if theme is not None and not plans:
        from difflib import get_close_matches

        from peertool.errors import NotFound, shown

        themes = sorted({p["theme"] for p in load_library(lessons_file, max_bytes)})
        close = get_close_matches(theme.casefold(), [t.casefold() for t in themes], n=3, cutoff=0.5)
        named = [t for t in themes if t.casefold() in close]
        hint = ("Did you mean " + " or ".join(named) + "?") if named else "Themes: " + ", ".join(themes) + "."
        raise NotFound(f"no lesson plans for the theme {shown(theme)}.", hint=hint)
    return plans
