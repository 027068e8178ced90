"""WordPress: the REST API path (pure functions) and both replicas (REST on and off)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.http import Headers

from scraper.platforms.wordpress import (
    WordPressAdapter,
    is_rest_response,
    records_from_rest,
    rest_has_more,
    rest_posts_url,
)
from scraper.profiles import load_profile
from testbed.replica import build_replica
from testbed.replica.server import ReplicaServer

FIXTURE = Path(__file__).parent / "fixtures" / "wp-rest-posts.json"


def test_rest_posts_url():
    url = rest_posts_url("https://congan.sonla.gov.vn/", 2, per_page=10)
    assert url == (
        "https://congan.sonla.gov.vn/wp-json/wp/v2/posts"
        "?per_page=10&page=2&orderby=date&order=desc&_embed=1"
    )


@pytest.mark.parametrize(
    ("headers", "page", "more"),
    [
        ({"X-WP-TotalPages": "3"}, 1, True),
        ({"x-wp-totalpages": "3"}, 3, False),
        (Headers({"X-WP-TotalPages": "2", "X-WP-Total": "16"}), 1, True),
        (Headers({"X-WP-TotalPages": "2"}), 2, False),
        ({}, 1, False),
        ({"X-WP-TotalPages": "lots"}, 1, False),
    ],
)
def test_rest_has_more(headers, page, more):
    assert rest_has_more(headers, page) is more


def test_is_rest_response():
    assert is_rest_response("application/json; charset=UTF-8", b' [{"id": 1}]')
    assert not is_rest_response("text/html; charset=utf-8", b"<html>404</html>")
    assert not is_rest_response("application/json", b'{"code": "rest_no_route"}')


def test_records_from_a_saved_rest_sample():
    posts = json.loads(FIXTURE.read_text("utf-8"))
    first, second = records_from_rest(posts, load_profile("sonla"))
    assert first["id"] == "sonla-41873"
    assert first["url"] == "https://congan.sonla.gov.vn/canh-bao-lua-dao-viec-nhe-luong-cao/"
    assert first["title"] == "Cảnh báo lừa đảo “việc nhẹ lương cao” qua mạng xã hội"
    assert first["published_at"] == "2025-03-14T16:05:00+07:00"  # site time, not GMT
    assert first["published_text"] is None
    assert first["related"] == []
    assert first["category"] == "Cảnh báo tội phạm"
    assert first["tags"] == ["lừa đảo", "an ninh mạng"]
    assert first["view_count"] == 1234
    assert (first["author"], first["byline"]) == ("PV", "PV")  # the credit line, not "admin"
    assert first["body"] == (
        "Thời gian gần đây, Công an tỉnh tiếp nhận nhiều tin báo về thủ đoạn tuyển cộng tác "
        "viên.\n\nNgười dân tuyệt đối không chuyển tiền cho người không quen biết."
    )
    assert first["images"] == [
        {
            "url": "https://congan.sonla.gov.vn/wp-content/uploads/2025/03/tin-nhan.jpg",
            "caption": "Tin nhắn giả mạo",
        }
    ]
    assert "Chia sẻ" not in first["body_html"]
    # NFD title, no credit line: the account is a desk, so it is the author
    assert second["title"] == "Ra quân tuần tra ban đêm"
    assert second["author"] == "Ban biên tập"
    assert second["view_count"] == 87
    assert second["category"] is None
    assert second["tags"] == []


def _serve(key: str, path: str):
    server = ReplicaServer.__new__(ReplicaServer)
    server.pages = build_replica(key).pages
    from testbed.replica import not_found_page

    server.not_found = not_found_page(key)
    return server.lookup(path)


def test_sonla_rest_pages_give_the_truth():
    replica = build_replica("sonla")
    truth = {t["id"]: t for t in replica.truth}
    records = []
    page = 1
    while True:
        answer = _serve("sonla", rest_posts_url("", page, per_page=10))
        assert answer.status == 200
        assert is_rest_response(answer.content_type, answer.body)
        records += records_from_rest(json.loads(answer.body), load_profile("sonla"))
        if not rest_has_more(dict(answer.headers), page):
            break
        page += 1
    assert page == 2
    past = _serve("sonla", rest_posts_url("", 3, per_page=10))
    assert past.status == 400
    assert sorted(r["id"] for r in records) == sorted(truth)
    for record in records:
        expected = truth[record["id"]]
        for field, value in expected.items():
            if field not in ("published_text", "related"):  # not in a post's JSON
                assert record[field] == value, (record["url"], field)


def test_quangtri_rest_api_answers_404():
    answer = _serve("quangtri", rest_posts_url("", 1))
    assert answer.status == 404
    assert not is_rest_response(answer.content_type, answer.body)


def test_html_record_ids_are_post_ids_on_both_themes():
    for key in ("quangtri", "sonla"):
        replica = build_replica(key)
        adapter = WordPressAdapter(load_profile(key))
        from lxml import html

        path, truth = replica.article_paths[0], replica.truth[0]
        root = html.document_fromstring(replica.pages[path].body.decode())
        assert adapter.parse_article(root, truth["url"])["id"] == truth["id"]


def test_trailing_slash_permalinks_redirect_like_wordpress():
    replica = build_replica("quangtri")
    path = replica.article_paths[0]
    assert path.endswith("/")
    answer = _serve("quangtri", path.rstrip("/"))
    assert answer.status == 301
    assert dict(answer.headers)["Location"] == path
