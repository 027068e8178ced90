"""URL identity per platform: the parameters that name an article stay, the others go;
every variant gets one id; the stored url is the site's own canonical form."""

from __future__ import annotations

import pytest
from lxml import html

from scraper.extract.generic import PageContext
from scraper.platforms import PLATFORMS
from scraper.site_profile import SiteProfile


def adapter(platform: str, base: str = "https://congan.vidu.gov.vn"):
    profile = SiteProfile(
        key="vidu", name="Công an tỉnh Ví Dụ", base_url=base, platform=platform,
        start_paths=("/tin-tuc/",),
    )  # fmt: skip
    return PLATFORMS[platform](profile)


def declaring(canonical: str) -> html.HtmlElement:
    return html.document_fromstring(
        f'<html><head><link rel="canonical" href="{canonical}"></head><body></body></html>'
    )


BASE = "https://congan.vidu.gov.vn"


@pytest.mark.parametrize(
    "variant",
    [
        "/tabid/57/ArticleID/3159/Default.aspx",
        "/Default.aspx?tabid=57&ArticleID=3159",
        "/default.aspx?TabId=57&articleid=3159&utm_source=zalo",
        "/tabid/57/ArticleID/3159/tang-cuong-tuan-tra.aspx",
    ],
)
def test_dotnetnuke_path_and_query_forms_are_one_article(variant):
    dnn = adapter("dotnetnuke")
    assert dnn.article_id(BASE + variant) == "vidu-3159"
    assert dnn.canonical_url(BASE + variant) == dnn.canonical_url(
        BASE + "/tabid/57/ArticleID/3159/Default.aspx"
    )
    assert dnn.is_article_url(BASE + variant)


def test_dotnetnuke_query_form_is_cited_as_the_path_form():
    dnn = adapter("dotnetnuke")
    assert dnn.clean_url(BASE + "/Default.aspx?tabid=57&ArticleID=3159") == (
        BASE + "/tabid/57/ArticleID/3159/Default.aspx"
    )


@pytest.mark.parametrize(
    "variant",
    [
        "/index.php?option=com_content&view=article&id=1408&catid=5&Itemid=53",
        "/index.php?option=com_content&view=article&id=1408:gap-mat&catid=5:tin-tuc&Itemid=61",
        "/index.php?option=com_content&view=article&id=1408",
        "/index.php?view=article&id=1408&option=com_content&fbclid=abc",
    ],
)
def test_joomla_itemid_and_alias_variants_are_one_article(variant):
    joomla = adapter("joomla")
    assert joomla.article_id(BASE + variant) == "vidu-1408"
    assert joomla.canonical_url(BASE + variant) == joomla.canonical_url(
        BASE + "/index.php?option=com_content&view=article&id=1408"
    )


def test_joomla_keeps_only_the_parameters_that_name_the_article():
    joomla = adapter("joomla")
    url = BASE + "/index.php?option=com_content&view=article&id=1408:gap-mat&catid=5&Itemid=53"
    assert joomla.clean_url(url) == BASE + "/index.php?option=com_content&view=article&id=1408"
    assert not joomla.is_article_url(BASE + "/index.php?option=com_content&view=category&id=5")


def test_liferay_redirect_variants_are_one_article():
    liferay = adapter("liferay")
    path = "/web/guest/tin-tuc/-/asset_publisher/Abc123/content/bat-giu-doi-tuong"
    variants = [
        path,
        path + "?inheritRedirect=true&redirect=%2Fweb%2Fguest%2Ftin-tuc",
        path + "?redirect=https%3A%2F%2Fcongan.vidu.gov.vn%2Fweb%2Fguest&inheritRedirect=false",
        "/web/guest/trang-chu/-/asset_publisher/Xyz789/content/bat-giu-doi-tuong?inheritRedirect=true",
    ]
    identities = {liferay.canonical_url(BASE + v) for v in variants}
    assert len(identities) == 1
    assert liferay.clean_url(BASE + variants[1]) == BASE + path


def test_an_index_php_segment_is_the_same_article():
    nukeviet = adapter("nukeviet")
    plain = BASE + "/chong-dien-bien-hoa-binh-22/canh-giac-voi-thong-tin-xau-2665.html"
    segment = BASE + "/index.php/chong-dien-bien-hoa-binh-22/canh-giac-voi-thong-tin-xau-2665.html"
    assert nukeviet.article_id(segment) == nukeviet.article_id(plain) == "vidu-2665"
    assert nukeviet.canonical_url(segment) == nukeviet.canonical_url(plain)
    generic = adapter("generic")
    assert generic.article_id(BASE + "/index.php/tin-tuc/bai-viet") == generic.article_id(
        BASE + "/tin-tuc/bai-viet"
    )


def test_the_stored_url_keeps_the_sites_trailing_slash():
    wordpress = adapter("wordpress")
    permalink = BASE + "/2024/11/20/bat-giu-doi-tuong-trom-cap/"
    fetched = BASE + "/2024/11/20/bat-giu-doi-tuong-trom-cap?utm_source=facebook"
    assert wordpress.article_url(PageContext(declaring(permalink), fetched)) == permalink
    assert wordpress.canonical_url(permalink) == wordpress.canonical_url(fetched)


def test_wordpress_shortlink_id():
    wordpress = adapter("wordpress")
    assert wordpress.article_id(BASE + "/?p=41873") == "vidu-41873"
    assert wordpress.clean_url(BASE + "/?p=41873&utm_medium=social") == BASE + "/?p=41873"


def test_a_canonical_link_to_another_site_is_not_followed():
    generic = adapter("generic")
    fetched = BASE + "/tin-tuc/bai-viet-123456.html"
    page = declaring("https://baomoi.com/bai-viet-123456.html")
    assert generic.article_url(PageContext(page, fetched)) == fetched


def test_the_profiles_scheme_and_host_spelling():
    generic = adapter("generic", base="http://www.congan.vidu.gov.vn")
    assert generic.clean_url("https://CONGAN.vidu.gov.vn/tin-tuc/a-123456.html#binh-luan") == (
        "http://www.congan.vidu.gov.vn/tin-tuc/a-123456.html"
    )
