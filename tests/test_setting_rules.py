"""The rules of `--set` and of a profile's [settings]: one table, checked and converted."""

from __future__ import annotations

import pytest

from scraper import settings as project
from scraper.setting_rules import (
    FIXED_SETTINGS,
    OPTION_SETTINGS,
    PER_SITE,
    RULES,
    SettingsError,
    check_setting,
    fence_problems,
    parse_setting,
)


def test_every_project_setting_has_a_rule_or_is_not_for_set():
    names = {name for name in vars(project) if name.isupper()}
    missing = names - RULES.keys() - OPTION_SETTINGS.keys() - FIXED_SETTINGS
    assert not missing, f"add a rule to scraper/setting_rules.py (or FIXED_SETTINGS): {missing}"


@pytest.mark.parametrize("name", sorted(set(RULES) & set(vars(project))))
def test_the_project_defaults_pass_their_rules(name):
    default = getattr(project, name)
    assert check_setting(name, default) == default


def test_the_project_defaults_keep_every_fence_up():
    defaults = {name: getattr(project, name) for name in RULES if hasattr(project, name)}
    assert fence_problems(defaults) == {}


@pytest.mark.parametrize(
    ("name", "text", "value"),
    [
        ("RETRY_TIMES", "5", 5),
        ("DOWNLOAD_DELAY", "2", 2.0),
        ("DOWNLOAD_DELAY", " 0.5 ", 0.5),
        ("ROBOTSTXT_OBEY", "TRUE", True),
        ("RETRY_ENABLED", "0", False),
        ("LOG_LEVEL", "debug", "DEBUG"),
        ("DOWNLOADER_CLIENT_TLS_METHOD", "tlsv1.2", "TLSv1.2"),
        ("RETRY_HTTP_CODES", "[500, 503]", [500, 503]),
        ("RETRY_HTTP_CODES", "500, 503", [500, 503]),
        ("POLICE_ALERT_EMAIL_TO", "a@x.vn,b@x.vn", ["a@x.vn", "b@x.vn"]),
        ("POLICE_ALERT_EMAIL_TO", "", []),
        ("POLICE_COVERAGE_THRESHOLDS", '{"author": 0.5}', {"author": 0.5}),
        ("POLICE_ALERT_WEBHOOK_URL", "https://hooks.example/x", "https://hooks.example/x"),
        ("POLICE_ALERT_WEBHOOK_URL", "", ""),
        ("ITEM_PIPELINES", '{"pipelines.archive.ArchivePipeline": 400}', None),
    ],
)
def test_values_are_converted_to_their_kind(name, text, value):
    parsed = parse_setting(name, text)
    if value is not None:
        assert parsed == value
        assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("RETRY_TIMES", "x", "setting: RETRY_TIMES must be a whole number of at least 0, not 'x'"),
        ("RETRY_TIMES", "2.5", "RETRY_TIMES must be a whole number"),
        ("RETRY_TIMES", "-1", "RETRY_TIMES must be a whole number of at least 0"),
        ("DOWNLOAD_DELAY", "abc", "DOWNLOAD_DELAY must be a number of at least 0, not 'abc'"),
        ("DOWNLOAD_DELAY", "-1", "DOWNLOAD_DELAY must be a number of at least 0"),
        ("DOWNLOAD_DELAY", "nan", "DOWNLOAD_DELAY must be a number"),
        ("CONCURRENT_REQUESTS", "-1", "CONCURRENT_REQUESTS must be a whole number of at least 1"),
        ("CONCURRENT_REQUESTS", "0", "CONCURRENT_REQUESTS must be a whole number of at least 1"),
        ("AUTOTHROTTLE_TARGET_CONCURRENCY", "0", "must be a number above 0"),
        ("DOWNLOAD_DELAY_JITTER", "2", "must be a number from 0 to 1"),
        ("ROBOTSTXT_OBEY", "no", "ROBOTSTXT_OBEY must be true or false (or 1 or 0), not 'no'"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of DEBUG, INFO"),
        ("RETRY_HTTP_CODES", "[500, 99]", "RETRY_HTTP_CODES must be a JSON list of whole numbers"),
        ("RETRY_HTTP_CODES", '{"a": 1}', "RETRY_HTTP_CODES must be a JSON list"),
        ("POLICE_HISTORY_RUNS", "x", "monitor configuration: POLICE_HISTORY_RUNS must be"),
        ("POLICE_MAX_ERROR_RATIO", "2", "monitor configuration: POLICE_MAX_ERROR_RATIO"),
        ("POLICE_COVERAGE_THRESHOLDS", "notadict", "POLICE_COVERAGE_THRESHOLDS must be a JSON"),
        ("POLICE_COVERAGE_THRESHOLDS", "[1]", "POLICE_COVERAGE_THRESHOLDS must be a JSON object"),
        ("POLICE_COVERAGE_THRESHOLDS", '{"title": 2}', "POLICE_COVERAGE_THRESHOLDS must be"),
        ("POLICE_COVERAGE_THRESHOLDS", '{"titel": 1}', "has no key 'titel'"),
        ("POLICE_ALERT_WEBHOOK_URL", "ftp://x", "must be an http(s) URL"),
        ("POLICE_ALERT_EMAIL_TO", "ops", "must be a list of e-mail addresses"),
        ("POLICE_SMTP_PORT", "70000", "POLICE_SMTP_PORT must be a whole number from 1 to 65535"),
        ("ITEM_PIPELINES", '{"a": "x"}', "ITEM_PIPELINES must be a JSON object of import paths"),
        ("USER_AGENT", " ", "USER_AGENT must be a text that is not empty"),
        ("POLICE_ALERT_WEBHOK_URL", "x", "did you mean POLICE_ALERT_WEBHOOK_URL?"),
        ("DOWNLOAD_DELAI", "1", "did you mean DOWNLOAD_DELAY?"),
        ("FROBNICATE", "1", "unknown setting 'FROBNICATE'"),
        ("POLICE_DATA_DIR", "/x", "POLICE_DATA_DIR is set with --data-dir"),
        ("POLICE_LOG_FORMAT", "json", "POLICE_LOG_FORMAT is set with --log-format"),
        ("BOT_NAME", "x", "BOT_NAME is fixed by the project"),
    ],
)
def test_wrong_values_are_refused_naming_setting_and_value(name, text, message):
    with pytest.raises(SettingsError) as error:
        parse_setting(name, text)
    assert message in str(error.value)


def test_a_long_value_is_cut_in_the_message():
    with pytest.raises(SettingsError) as error:
        parse_setting("RETRY_TIMES", "x" * 500 + "\n")
    assert len(str(error.value)) < 200
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("values", "fenced"),
    [
        ({"ROBOTSTXT_OBEY": False}, {"ROBOTSTXT_OBEY": "robots.txt"}),
        ({"DOWNLOAD_MAXSIZE": 0}, {"DOWNLOAD_MAXSIZE": "any size"}),
        ({"DOWNLOAD_MAXSIZE": project.DOWNLOAD_MAXSIZE + 1}, {"DOWNLOAD_MAXSIZE": "larger"}),
        ({"DOWNLOAD_TIMEOUT": 0.0}, {"DOWNLOAD_TIMEOUT": "never time out"}),
        ({"ITEM_PIPELINES": {}}, {"ITEM_PIPELINES": "replaces"}),
        ({"EXTENSIONS": {}}, {"EXTENSIONS": "replaces"}),
        ({"DOWNLOADER_MIDDLEWARES": {}}, {"DOWNLOADER_MIDDLEWARES": "replaces"}),
        ({"SPIDER_MIDDLEWARES": {"x.Y": 1}}, {"SPIDER_MIDDLEWARES": "replaces"}),
        ({"CONCURRENT_REQUESTS_PER_DOMAIN": 9}, {"CONCURRENT_REQUESTS_PER_DOMAIN": "more than 8"}),
        (
            {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0.0},
            {"AUTOTHROTTLE_ENABLED": "no delay", "DOWNLOAD_DELAY": "no delay"},
        ),
        # fences still up
        ({"ROBOTSTXT_OBEY": True}, {}),
        ({"DOWNLOAD_MAXSIZE": 1024}, {}),
        ({"DOWNLOAD_TIMEOUT": 5.0}, {}),
        ({"CONCURRENT_REQUESTS_PER_DOMAIN": 8}, {}),
        ({"AUTOTHROTTLE_ENABLED": False}, {}),  # the delay of 1 s stays
        ({"DOWNLOAD_DELAY": 0.0}, {}),  # AutoThrottle stays on
        ({"ITEM_PIPELINES": dict(project.ITEM_PIPELINES)}, {}),  # the project's own
    ],
)
def test_fences(values, fenced):
    found = fence_problems(values)
    assert set(found) == set(fenced)
    for name, words in fenced.items():
        assert words in found[name]


def test_profile_values_keep_their_types_and_numbers_become_floats():
    assert check_setting("DOWNLOAD_DELAY", 2) == 2.0
    assert type(check_setting("DOWNLOAD_DELAY", 2)) is float
    assert check_setting("RETRY_TIMES", 4) == 4
    for name, value in (("RETRY_TIMES", True), ("RETRY_TIMES", "4"), ("DOWNLOAD_DELAY", "2")):
        with pytest.raises(SettingsError, match=name):
            check_setting(name, value)


def test_per_site_settings_come_from_the_same_table():
    assert {"DOWNLOAD_DELAY", "DOWNLOADER_CLIENT_TLS_CIPHERS", "RETRY_TIMES"} <= set(PER_SITE)
    assert "ROBOTSTXT_OBEY" not in PER_SITE
    assert all(RULES[name].per_site for name in PER_SITE)
