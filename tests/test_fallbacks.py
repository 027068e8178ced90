"""Every step runs the adapter's selector first and the generic rule after it: a selector
that finds nothing never ends the search, and which rule read each field is reported."""

from __future__ import annotations

from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms import adapter_for
from scraper.platforms.base import select
from scraper.profiles import load_profile
from testbed.replica import build_replica

HUNGYEN = adapter_for(load_profile("hungyen"))
LAICHAU = adapter_for(load_profile("laichau"))
QUANGTRI = adapter_for(load_profile("quangtri"))
REPLICA = build_replica("hungyen")


def page(path: str, old: str = "", new: str = "", replica=REPLICA) -> html.HtmlElement:
    body = replica.pages[path].body.decode("utf-8")
    if old:
        assert old in body
        body = body.replace(old, new)
    return html.document_fromstring(body)


def truth_of(path: str, replica=REPLICA) -> dict:
    return replica.truth[replica.article_paths.index(path)]


def test_every_field_from_the_adapter_when_its_selectors_match():
    path = REPLICA.article_paths[0]
    parsed = HUNGYEN.parse_page(PageContext(page(path), truth_of(path)["url"]))
    assert parsed.sources["body"] == parsed.sources["title"] == "adapter"
    assert parsed.sources["published_at"] == "adapter"


def test_a_renamed_body_container_is_read_by_the_generic_rule():
    path = REPLICA.article_paths[0]
    truth = truth_of(path)
    root = page(path, 'class="article-content"', 'class="noi-dung-bai"')
    parsed = HUNGYEN.parse_page(PageContext(root, truth["url"]))
    assert parsed.sources["body"] == "generic"
    assert parsed.record["body"] == truth["body"]
    assert parsed.record["published_at"] == truth["published_at"]


def test_a_renamed_date_line_is_read_by_the_generic_rule():
    path = REPLICA.article_paths[0]
    truth = truth_of(path)
    root = page(path, 'class="post-date"', 'class="thoi-gian"')
    parsed = HUNGYEN.parse_page(PageContext(root, truth["url"]))
    assert parsed.sources["published_at"] == parsed.sources["view_count"] == "generic"
    assert (parsed.record["published_at"], parsed.record["view_count"]) == (
        truth["published_at"],
        truth["view_count"],
    )


def test_a_view_counter_in_another_element():
    path = REPLICA.article_paths[0]
    truth = truth_of(path)
    root = page(path)
    line = root.xpath("//*[@class='post-date']")[0]
    line.text = line.text.split(" - ")[0]  # the counter leaves the date line...
    counter = html.fragment_fromstring(
        f'<div class="luot-xem">Lượt xem: {truth["view_count"]}</div>'
    )
    line.addnext(counter)  # ...for an element of its own
    parsed = HUNGYEN.parse_page(PageContext(root, truth["url"]))
    assert parsed.record["view_count"] == truth["view_count"]
    assert parsed.sources["view_count"] == "generic"


def test_the_counter_from_the_listing_when_the_page_prints_none():
    replica = build_replica("laichau")
    path = replica.article_paths[0]
    truth = truth_of(path, replica)
    root = page(path, replica=replica)
    from scraper.extract.generic import ListedArticle

    parsed = LAICHAU.parse_page(PageContext(root, truth["url"]), ListedArticle(truth["url"], 4321))
    assert parsed.record["view_count"] == 4321
    assert parsed.sources["view_count"] == "listing"


def test_listing_links_and_pages_when_the_selectors_find_nothing():
    start = REPLICA.start_paths[0]
    url = "https://congan.hungyen.gov.vn" + start
    root = page(start)
    for el in root.xpath("//*[@class='list-news']"):
        el.set("class", "danh-sach")  # the listing selector finds nothing now
    for a in root.xpath("//a[@rel='next']"):
        del a.attrib["rel"]  # nor does the pager's
    listed = HUNGYEN.listing(PageContext(root, url))
    expected = HUNGYEN.listing(PageContext(page(start), url))
    assert [a.url for a in listed.articles] == [a.url for a in expected.articles]
    assert listed.next_url == expected.next_url
    assert listed.sources == {"links": "generic", "next": "generic"}


def test_the_generic_rule_adds_what_a_partial_listing_selector_misses():
    replica = build_replica("laichau")
    grid = next(p for p in replica.start_paths if "canh-bao" in p)  # a grid category
    url = "https://congan.laichau.gov.vn" + grid
    listed = LAICHAU.listing(PageContext(page(grid, replica=replica), url))
    assert len(listed.articles) > 1  # the featured item (selector) and the thumbnails (rule)


def test_a_wordpress_theme_without_entry_content():
    replica = build_replica("quangtri")
    path = replica.article_paths[0]
    truth = truth_of(path, replica)
    root = page(path, "entry-content", "single-post-body", replica=replica)
    parsed = QUANGTRI.parse_page(PageContext(root, truth["url"]))
    assert parsed.sources["body"] == "generic"
    assert parsed.record["body"] == truth["body"]


def test_adapters_name_the_fields_they_have_selectors_for():
    assert {"title", "body", "published_at", "listing_links"} <= set(HUNGYEN.hinted_fields())


def test_the_body_hint_is_the_main_text_the_generic_rules_read(monkeypatch):
    """Where the adapter's body and title selectors match, the generic rules (the date
    line, the counter, the credit) place things by what they found: the page is not
    searched for its text or its headline."""
    import scraper.extract.generic.body as body
    import scraper.extract.generic.metadata as metadata

    searches = []
    for module, name in ((body, "_score_candidates"), (metadata, "_find_headline")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real: searches.append(1) or real(*a))
    path = REPLICA.article_paths[0]
    ctx = PageContext(page(path), truth_of(path)["url"])
    parsed = HUNGYEN.parse_page(ctx)
    assert parsed.sources["body"] == "adapter"
    assert parsed.record["body"] == truth_of(path)["body"]
    assert ctx.memo("main_text", lambda: None).container is select(ctx, HUNGYEN.body_css)[0]
    assert ctx.memo("headline", lambda: None) is select(ctx, HUNGYEN.title_css)[0]
    assert searches == []


def test_a_body_hint_that_yields_no_text_still_leaves_the_page_searched():
    """A body selector matching only the headline (dropped from the body) adopts no text:
    the generic rule searches the page for it."""

    class HeadlineAsBody(type(HUNGYEN)):
        body_css = HUNGYEN.title_css

    path = REPLICA.article_paths[0]
    truth = truth_of(path)
    parsed = HeadlineAsBody(HUNGYEN.profile).parse_page(PageContext(page(path), truth["url"]))
    assert parsed.sources["body"] == "generic"
    assert parsed.record["body"] == truth["body"]
