"""The settings a user may change, as one table of rules: `--set NAME=VALUE` on the command
line and a site profile's ``[settings]`` table are both checked here.

Every rule says what a value must be (a kind: true/false, a whole number, a number, a
text, a JSON list or object; a range or the allowed choices) and, for a setting that
holds up one of the crawler's fences (robots.txt, size and time limits, the delay, the
per-site concurrency, the pipelines and extensions that archive and watch a run), when
a value switches that fence off. A name the table does not know is refused, with the
closest known name; a value of the wrong kind is refused naming setting and value; a
value that switches off a fence is refused unless the command says ``--unsafe``.

Free of Scrapy: ``police-archive sites`` reads the profiles without loading it.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from scraper import settings as project_defaults
from scraper.errors import SettingsError
from scraper.extract.urls import is_web_url
from scraper.record import COVERAGE_FIELDS

__all__ = [
    "FIXED_SETTINGS",
    "OPTION_SETTINGS",
    "PER_SITE",
    "RULES",
    "BadSetting",
    "Rule",
    "SettingsError",
    "check_setting",
    "fence_problems",
    "parse_setting",
    "parse_settings",
    "rule_for",
]

Kind = Literal["bool", "int", "number", "text", "list", "dict"]
# a fence check: (the value, every setting as the run will have it) -> what it switches
# off, or None when the value keeps the fence up
Fence = Callable[[Any, Mapping[str, Any]], str | None]
# an extra check of a value already of its kind: what is wrong, or None
Check = Callable[[Any], str | None]

MONITORS = "monitor configuration"


class BadSetting(SettingsError):
    """A known setting with a value it cannot take; ``problem`` says what it must be."""

    def __init__(self, topic: str, name: str, problem: str) -> None:
        super().__init__(f"{topic}: {name} {problem}")
        self.name, self.problem = name, problem


@dataclass(frozen=True)
class Rule:
    kind: Kind
    low: float | None = None  # numbers (and list items that are numbers): the range
    high: float | None = None
    low_exclusive: bool = False  # "above low" rather than "at least low"
    choices: tuple[str, ...] = ()  # text: the allowed values (matched ignoring case)
    items: Kind | None = None  # list: the kind of each item; dict: of each value
    keys: tuple[str, ...] = ()  # dict: the allowed keys (empty: any)
    check: Check | None = None
    fence: Fence | None = None
    per_site: bool = False  # a profile's [settings] may set it for its own site
    topic: str = "setting"  # the first words of a message about it

    def describe(self) -> str:
        """What a value must be, for messages: "a whole number of at least 0"."""
        if self.kind == "bool":
            return "true or false (or 1 or 0)"
        if self.kind in ("int", "number"):
            return f"{'a whole number' if self.kind == 'int' else 'a number'}{self._range()}"
        if self.kind == "text":
            return f"one of {', '.join(self.choices)}" if self.choices else "a text"
        if self.kind == "list":
            what = {"int": "whole numbers", "number": "numbers"}.get(self.items or "", "texts")
            return f'a JSON list of {what}{self._range()} (or "a,b,c")'
        values = {"int": "whole numbers (or null)", "number": f"numbers{self._range()}"}
        what = values.get(self.items or "", "texts")
        keys = f" with keys among {', '.join(self.keys)}" if self.keys else ""
        return f"a JSON object of {what}{keys}"

    def _range(self) -> str:
        low, high = _plain(self.low), _plain(self.high)
        if low is not None and high is not None:
            return f" from {low} to {high}"
        if low is not None:
            return f" above {low}" if self.low_exclusive else f" of at least {low}"
        return f" of at most {high}" if high is not None else ""


def _plain(bound: float | None) -> str | None:
    return None if bound is None else f"{bound:g}"


# -- fences ---------------------------------------------------------------------------
MAX_PER_DOMAIN = 8  # concurrent requests to one site above which a crawl is not polite


def _robots_ignored(value: Any, _: Mapping[str, Any]) -> str | None:
    return None if value else "robots.txt would not be obeyed"


def _not_captured(value: Any, _: Mapping[str, Any]) -> str | None:
    return None if value else "the responses would not be kept in DATA/warc (no provenance)"


def _size_unlimited(value: Any, _: Mapping[str, Any]) -> str | None:
    default = project_defaults.DOWNLOAD_MAXSIZE
    if value == 0:
        return "responses of any size would be read"
    if value > default:
        return f"responses larger than the default limit ({default} bytes) would be read"
    return None


def _no_timeout(value: Any, _: Mapping[str, Any]) -> str | None:
    return "requests would never time out" if value == 0 else None


def _unthrottled(_: Any, settings: Mapping[str, Any]) -> str | None:
    if not settings.get("AUTOTHROTTLE_ENABLED") and settings.get("DOWNLOAD_DELAY") == 0:
        return "requests would follow each other with no delay (AutoThrottle off, DOWNLOAD_DELAY 0)"
    return None


def _crowding(value: Any, _: Mapping[str, Any]) -> str | None:
    if value > MAX_PER_DOMAIN:
        return f"more than {MAX_PER_DOMAIN} requests at once would go to one site"
    return None


def _replaced(name: str) -> Fence:
    def fence(value: Any, _: Mapping[str, Any]) -> str | None:
        if value == getattr(project_defaults, name, None):
            return None
        return f"it replaces the project's {name} (archive, state and monitors may be off)"

    return fence


# -- extra checks ---------------------------------------------------------------------
def _http_url_or_empty(value: Any) -> str | None:
    if value and not is_web_url(value):
        return "an http(s) URL (or empty)"
    return None


def _address(value: Any) -> str | None:
    return None if "@" in value.strip(" @") else "an e-mail address"


def _addresses(value: Any) -> str | None:
    return next(("a list of e-mail addresses" for item in value if _address(item)), None)


def _not_empty(value: Any) -> str | None:
    return None if value.strip() else "a text that is not empty"


def _components(value: Any) -> str | None:
    """ITEM_PIPELINES and the like: import path -> order (a whole number) or null."""
    if all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in value.values()):
        return None
    return "a JSON object of import paths to whole numbers (or null)"


# -- the table ------------------------------------------------------------------------
_SECONDS = Rule("number", low=0)
_COUNT = Rule("int", low=0)
_SHARE = Rule("number", low=0, high=1, topic=MONITORS)
_STATUS_CODES = Rule("list", items="int", low=100, high=599)


def _components_rule(name: str) -> Rule:
    """ITEM_PIPELINES and the like: any value but the project's own is a fence."""
    return Rule("dict", check=_components, fence=_replaced(name))


RULES: dict[str, Rule] = {
    # politeness
    "USER_AGENT": Rule("text", check=_not_empty),
    "ROBOTSTXT_OBEY": Rule("bool", fence=_robots_ignored),
    "CONCURRENT_REQUESTS": Rule("int", low=1),
    "CONCURRENT_REQUESTS_PER_DOMAIN": Rule("int", low=1, fence=_crowding, per_site=True),
    "DOWNLOAD_DELAY": Rule("number", low=0, fence=_unthrottled, per_site=True),
    "DOWNLOAD_DELAY_JITTER": Rule("number", low=0, high=1),
    "AUTOTHROTTLE_ENABLED": Rule("bool", fence=_unthrottled),
    "AUTOTHROTTLE_START_DELAY": Rule("number", low=0, per_site=True),
    "AUTOTHROTTLE_MAX_DELAY": Rule("number", low=0, per_site=True),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": Rule("number", low=0, low_exclusive=True, per_site=True),
    "AUTOTHROTTLE_DEBUG": Rule("bool"),
    "COOKIES_ENABLED": Rule("bool"),
    "POLICE_ROBOTSTXT_MAX_SIZE": Rule("int", low=1),
    # robustness
    "DOWNLOAD_TIMEOUT": Rule("number", low=0, fence=_no_timeout, per_site=True),
    "DOWNLOAD_MAXSIZE": Rule("int", low=0, fence=_size_unlimited),
    "DOWNLOAD_WARNSIZE": _COUNT,
    "DOWNLOADER_CLIENT_TLS_CIPHERS": Rule("text", check=_not_empty, per_site=True),
    "DOWNLOADER_CLIENT_TLS_METHOD": Rule(
        "text", choices=("TLS", "TLSv1.0", "TLSv1.1", "TLSv1.2"), per_site=True
    ),
    "RETRY_ENABLED": Rule("bool"),
    "RETRY_TIMES": Rule("int", low=0, per_site=True),
    "RETRY_HTTP_CODES": _STATUS_CODES,
    "RETRY_BACKOFF_BASE": _SECONDS,
    "RETRY_BACKOFF_MAX": _SECONDS,
    "POLICE_RETRY_AFTER_MAX": _SECONDS,
    "CLOSESPIDER_TIMEOUT": _SECONDS,
    # the components that archive, keep the state and watch a run
    "DOWNLOADER_MIDDLEWARES": _components_rule("DOWNLOADER_MIDDLEWARES"),
    "SPIDER_MIDDLEWARES": _components_rule("SPIDER_MIDDLEWARES"),
    "EXTENSIONS": _components_rule("EXTENSIONS"),
    "ITEM_PIPELINES": _components_rule("ITEM_PIPELINES"),
    # asyncio tasks per response for its items (1: the project's pipelines never await)
    "CONCURRENT_ITEMS": Rule("int", low=1),
    # output
    "LOG_LEVEL": Rule("text", choices=("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    "POLICE_INCREMENTAL_OVERLAP": _COUNT,
    "POLICE_MAX_ATTEMPTS": Rule("int", low=1),
    "POLICE_LOOPBACK_FAST": Rule("bool"),
    "POLICE_PROGRESS": Rule("bool"),
    "POLICE_CAPTURE_ENABLED": Rule("bool", fence=_not_captured),
    # monitors and alerts
    "SPIDERMON_ENABLED": Rule("bool", topic=MONITORS),
    "SPIDERMON_EXPECTED_FINISH_REASONS": Rule("list", items="text", topic=MONITORS),
    "SPIDERMON_UNWANTED_HTTP_CODES": Rule("list", items="int", low=100, high=599, topic=MONITORS),
    "SPIDERMON_UNWANTED_HTTP_CODES_MAX_COUNT": Rule("int", low=0, topic=MONITORS),
    "POLICE_COVERAGE_THRESHOLDS": Rule(
        "dict", items="number", low=0, high=1, keys=COVERAGE_FIELDS, topic=MONITORS
    ),
    "POLICE_MAX_ERROR_RATIO": _SHARE,
    "POLICE_MIN_ARCHIVED_RATIO": _SHARE,
    "POLICE_HISTORY_RUNS": Rule("int", low=1, topic=MONITORS),
    "POLICE_HISTORY_MIN_RUNS": Rule("int", low=1, topic=MONITORS),
    "POLICE_HISTORY_MAX_DROP": _SHARE,
    "POLICE_ALERT_WEBHOOK_URL": Rule("text", check=_http_url_or_empty, topic=MONITORS),
    "POLICE_ALERT_EMAIL_TO": Rule("list", items="text", check=_addresses, topic=MONITORS),
    "POLICE_ALERT_EMAIL_FROM": Rule("text", check=_address, topic=MONITORS),
    "POLICE_SMTP_HOST": Rule("text", topic=MONITORS),
    "POLICE_SMTP_PORT": Rule("int", low=1, high=65535, topic=MONITORS),
    "POLICE_SMTP_USER": Rule("text", topic=MONITORS),
    "POLICE_SMTP_PASSWORD": Rule("text", topic=MONITORS),
    "POLICE_SMTP_STARTTLS": Rule("bool", topic=MONITORS),
}

# Settings the run sets from one of the command's options, or itself: not for --set.
OPTION_SETTINGS: dict[str, str] = {
    "POLICE_DATA_DIR": "is set with --data-dir",
    "POLICE_LOG_FORMAT": "is set with --log-format",
    "POLICE_RUN_ID": "is set by the run",
    "POLICE_UNSAFE_SETTINGS": "is set by the run (from --set ... --unsafe)",
}

# Settings of scraper/settings.py that are the project's own, not for --set: what the
# crawler is (its name, modules, log formatter, monitor suite) and what must stay off
# (a console or a code-running server on a port).
FIXED_SETTINGS: frozenset[str] = frozenset(
    {
        "BOT_NAME",
        "SPIDER_MODULES",
        "NEWSPIDER_MODULE",
        "COMMANDS_MODULE",
        "TELNETCONSOLE_ENABLED",
        "REMOTE_CONTROL_ENABLED",
        "FEED_EXPORT_ENCODING",
        "LOG_FORMATTER",
        "SPIDERMON_SPIDER_CLOSE_MONITORS",
    }
)

# What a profile's [settings] may set for its own site.
PER_SITE: tuple[str, ...] = tuple(name for name, rule in RULES.items() if rule.per_site)


def rule_for(name: str) -> Rule:
    """The rule of a setting; SettingsError naming the closest known one when unknown."""
    rule = RULES.get(name)
    if rule is not None:
        return rule
    if name in OPTION_SETTINGS:
        raise SettingsError(f"setting: {name} {OPTION_SETTINGS[name]}, not with --set")
    if name in FIXED_SETTINGS:
        raise SettingsError(f"setting: {name} is fixed by the project, not for --set")
    close = difflib.get_close_matches(name.upper(), RULES, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "scraper/setting_rules.py lists the known ones"
    raise SettingsError(f"unknown setting '{name}' ({hint})")


def parse_setting(name: str, text: str) -> Any:
    """The value of `--set NAME=TEXT`, converted to its kind; SettingsError if wrong."""
    rule = rule_for(name)
    try:
        value = _parse(rule, text.strip())
    except (ValueError, TypeError, RecursionError):
        raise _wrong(name, rule, text) from None
    return _checked(name, rule, value, text)


def check_setting(name: str, value: Any) -> Any:
    """A value given with its type (a TOML profile), checked and converted to its kind
    (a whole number where a number is asked becomes a float); SettingsError if wrong."""
    rule = rule_for(name)
    if not _has_kind(rule.kind, value):
        raise _wrong(name, rule, value)
    if rule.kind == "list":
        if not all(_has_kind(rule.items or "text", item) for item in value):
            raise _wrong(name, rule, value)
        value = [_as_kind(rule.items or "text", item) for item in value]
    return _checked(name, rule, _as_kind(rule.kind, value), value)


def parse_settings(given: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """`--set` pairs (NAME -> TEXT) checked and converted (``parse_setting``), and those
    of them that switch off a fence, each with what it switches off."""
    values = {name: parse_setting(name, text) for name, text in given.items()}
    return values, fence_problems(values)


def fence_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """The settings among `values` (checked ones) that switch off a fence, each with what
    it switches off; the fences are judged on the project's settings with `values` put in."""
    settings = {name: getattr(project_defaults, name, None) for name in RULES} | dict(values)
    found = {}
    for name, value in values.items():
        fence = RULES[name].fence
        problem = fence(value, settings) if fence else None
        if problem:
            found[name] = problem
    return found


# -- parsing and checking -------------------------------------------------------------
_TRUE, _FALSE = ("true", "1"), ("false", "0")


def _parse(rule: Rule, text: str) -> Any:
    """TEXT as a value of the rule's kind; ValueError when it is not one."""
    if rule.kind == "list":
        if text.startswith("["):
            items = json.loads(text)
            if not isinstance(items, list):
                raise ValueError(text)
            if not all(_has_kind(rule.items or "text", item) for item in items):
                raise ValueError(text)
            return [_as_kind(rule.items or "text", item) for item in items]
        parts = [part.strip() for part in text.split(",") if part.strip()]
        return [_parse(Rule(rule.items or "text"), part) for part in parts]
    if rule.kind == "dict":
        value = json.loads(text)
        if not isinstance(value, dict):
            raise ValueError(text)
        return value
    return _parse_scalar(rule.kind, text)


def _parse_scalar(kind: Kind, text: str) -> Any:
    if kind == "bool":
        if text.lower() not in _TRUE + _FALSE:
            raise ValueError(text)
        return text.lower() in _TRUE
    if kind == "int":
        return int(text)
    if kind == "number":
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(text)
        return number
    return text


def _has_kind(kind: Kind, value: Any) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "int":
        return isinstance(value, int)
    if kind == "number":
        return isinstance(value, int | float) and math.isfinite(value)
    expected = {"text": str, "list": list, "dict": dict}[kind]
    return isinstance(value, expected)


def _as_kind(kind: Kind, value: Any) -> Any:
    return float(value) if kind == "number" else value


def _checked(name: str, rule: Rule, value: Any, given: Any) -> Any:
    """The value when it is in the rule's range, choices, keys and extra check."""
    if rule.kind in ("int", "number") and not _in_range(rule, value):
        raise _wrong(name, rule, given)
    if rule.kind == "list" and not all(_in_range(rule, item) for item in value):
        raise _wrong(name, rule, given)
    if rule.kind == "text" and rule.choices:
        chosen = next((c for c in rule.choices if c.lower() == value.lower()), None)
        if chosen is None:
            raise _wrong(name, rule, given)
        value = chosen
    if rule.kind == "dict":
        value = _checked_dict(name, rule, value, given)
    if rule.check is not None:
        problem = rule.check(value)
        if problem:
            raise BadSetting(rule.topic, name, f"must be {problem}, not {_shown(given)}")
    return value


def _checked_dict(name: str, rule: Rule, value: dict[Any, Any], given: Any) -> dict[str, Any]:
    for key in value:
        if rule.keys and key not in rule.keys:
            raise BadSetting(
                rule.topic, name, f"has no key {_shown(key)} (keys: {', '.join(rule.keys)})"
            )
    if rule.items is None:
        return dict(value)
    if not all(_has_kind(rule.items, v) and _in_range(rule, v) for v in value.values()):
        raise _wrong(name, rule, given)
    return {key: _as_kind(rule.items, v) for key, v in value.items()}


def _in_range(rule: Rule, value: Any) -> bool:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return True
    if rule.low is not None and (value <= rule.low if rule.low_exclusive else value < rule.low):
        return False
    return rule.high is None or value <= rule.high


def _wrong(name: str, rule: Rule, given: Any) -> BadSetting:
    return BadSetting(rule.topic, name, f"must be {rule.describe()}, not {_shown(given)}")


def _shown(given: Any) -> str:
    """A value as a message shows it: quoted, on one line, not too long."""
    text = (
        repr(given)
        if isinstance(given, str)
        else json.dumps(given, ensure_ascii=False, default=str)
    )
    return text if len(text) <= 80 else text[:77] + "..."
