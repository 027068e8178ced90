"""Every replica article page, parsed from its saved file (with what its listing item
prints beside the link, as a crawl passes it on), yields the generator's truth.

One test per field and site, so a failure names the field; no reactor involved.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree
from scrapy.http import HtmlResponse

from scraper.extract_page import extract_file, extract_response
from scraper.platforms import adapter_for
from scraper.platforms.base import page_root
from scraper.platforms.detect import profile_for_url
from scraper.profiles import load_profile
from scraper.record import SCHEMA_VERSION
from testbed.evaluate.replicas import listed_by_identity
from testbed.replica import SITE_KEYS, TRUTH_FIELDS, UNSEEN_KEYS, build_replica, write_replica
from tests.helpers import ROOT, SHARED_SEED


@pytest.fixture(scope="session")
def saved_replicas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("replica")
    return {site: write_replica(site, out) for site in SITE_KEYS}


@pytest.fixture(scope="session")
def parsed(saved_replicas: dict[str, Path]) -> dict[str, list[tuple[dict, dict]]]:
    """Per site: (truth, extracted record) for every article page."""
    result = {}
    for site, directory in saved_replicas.items():
        files_by_path = {
            path: name
            for name, path in json.loads((directory / "pages.json").read_text("utf-8")).items()
        }
        profile = load_profile(site)
        # what each listing item prints beside the article's link (NukeViet's counter)
        listed = listed_by_identity(build_replica(site), adapter_for(profile))
        adapter = adapter_for(profile)
        pairs = []
        lines = (directory / "truth.jsonl").read_text("utf-8").splitlines()
        # truth is in article_paths order; a path may differ from the canonical URL's
        # (WordPress permalinks end in "/", canonical URLs do not)
        for path, line in zip(build_replica(site).article_paths, lines, strict=True):
            truth = json.loads(line)
            body = (directory / files_by_path[path]).read_bytes()
            # fetched from a replica origin, as in a crawl with --base-url
            response = HtmlResponse(url=truth["url"], body=body, encoding="utf-8")
            hint = listed.get(adapter.canonical_url(truth["url"]))
            pairs.append((truth, extract_response(response, profile, hint)))
        result[site] = pairs
    return result


@pytest.mark.parametrize("site", SITE_KEYS)
def test_replica_has_enough_articles(parsed, site):
    assert len(parsed[site]) >= (40 if site in ("hungyen", "laichau") else 16)


@pytest.mark.parametrize("field", TRUTH_FIELDS)
@pytest.mark.parametrize("site", SITE_KEYS)
def test_field_matches_truth(parsed, site, field):
    mismatches = [
        (truth["url"], truth[field], record[field])
        for truth, record in parsed[site]
        if record[field] != truth[field]
    ]
    assert mismatches == [], f"{len(mismatches)} pages differ on {field}, first: {mismatches[0]}"


@pytest.mark.parametrize("site", SITE_KEYS)
def test_body_html_is_clean(parsed, site):
    for _, record in parsed[site]:
        html = record["body_html"]
        assert html
        assert not re.search(r"<script|<style|\son\w+=", html, re.IGNORECASE)


@pytest.mark.parametrize("site", SITE_KEYS)
def test_records_are_nfc_and_valid(parsed, site):
    from pipelines.validate import schema_problems

    for _, record in parsed[site]:
        assert schema_problems(record) == []


# -- the seed article ------------------------------------------------------------------
def _seed_expectations() -> list[dict]:
    bundled = json.loads((ROOT / "tests/fixtures/hungyen-article.expected.json").read_text())
    expectations = [bundled]
    shared = SHARED_SEED / "hungyen-article.expected.json"
    if shared.exists():  # the project's source of truth, when checked out beside it
        expectations.append(json.loads(shared.read_text("utf-8")))
    return expectations


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("expected", _seed_expectations())
def test_seed_article_record(parsed, expected):
    seed = [rec for truth, rec in parsed["hungyen"] if rec["title"] == expected["title"]]
    assert len(seed) == 1, "the seed article is missing from the hungyen replica"
    record = seed[0]
    for field, value in expected.items():
        if field.startswith("_"):
            continue
        if field == "body":
            assert _fold(record["body"]) == _fold(value)
        elif field == "images":
            assert [{"caption": i["caption"]} for i in record["images"]] == value
        elif field == "schema_version":
            # the expectation was written under schema 1; schema 2 only added the warc
            # fields, so every field it names still holds
            assert value <= record["schema_version"] == SCHEMA_VERSION
        else:
            assert record[field] == value, field
    assert record["related"], "the seed page links related articles"
    for unwanted in ("Toàn cảnh hội nghị", "Phương Huyền – Công an tỉnh", "Tin liên quan"):
        assert unwanted not in record["body"]


def test_extract_file_reads_a_saved_page_and_tells_the_site(saved_replicas):
    directory = saved_replicas["laichau"]
    truth = json.loads((directory / "truth.jsonl").read_text("utf-8").splitlines()[0])
    pages = json.loads((directory / "pages.json").read_text("utf-8"))
    name = next(n for n, p in pages.items() if truth["url"].endswith(p))
    record = extract_file(directory / name)  # site told by the page's canonical link
    assert record["id"] == truth["id"]
    assert record["body"] == truth["body"]


@pytest.mark.parametrize("key", UNSEEN_KEYS)
def test_extract_file_parses_once_and_reads_as_a_fresh_parse(tmp_path, monkeypatch, key):
    """One parse serves the page's URL, the detected site and the record; the record is the
    one a fresh parse of the page gives with the same detected profile (detection reads a
    copy of the tree: its PageContext regroups <br><br> paragraphs in place)."""
    replica = build_replica(key)
    path, url = replica.article_paths[0], replica.truth[0]["url"]
    body = replica.pages[path].body
    page = tmp_path / "page.html"
    page.write_bytes(body)
    fresh = HtmlResponse(url=url, body=body, encoding="utf-8")
    profile = profile_for_url(url, None, page_root(fresh))
    expected = extract_response(HtmlResponse(url=url, body=body, encoding="utf-8"), profile)

    parses = []
    fromstring = etree.fromstring
    monkeypatch.setattr(
        etree, "fromstring", lambda *a, **k: parses.append(1) or fromstring(*a, **k)
    )
    record = extract_file(page, url=url)
    assert len(parses) == 1
    assert {k: v for k, v in record.items() if k != "scraped_at"} == {
        k: v for k, v in expected.items() if k != "scraped_at"
    }
