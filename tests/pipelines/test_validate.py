import pytest

from pipelines.drops import InvalidRecord
from pipelines.validate import ValidatePipeline, schema_problems
from scraper.items import ArticleItem
from tests.helpers import BASE_RECORD, make_record, site_crawl


def test_a_valid_record_has_no_problems():
    assert schema_problems(make_record()) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"body": ""}, "body"),
        ({"view_count": "66"}, "view_count"),
        ({"view_count": 2**63}, "view_count"),  # beyond 64 bits: analysts' tools cannot hold it
        ({"published_at": "2024-11-20T00:00:00Z"}, "published_at"),
        ({"images": [{"url": "/relative.jpg", "caption": None}]}, "images.0.url"),
        ({"version": 0}, "version"),
    ],
)
def test_invalid_records_are_dropped_and_counted(data_dir, change, field):
    with site_crawl(data_dir) as crawler:
        with pytest.raises(InvalidRecord, match=rf"{BASE_RECORD['url']}: {field}"):
            ValidatePipeline(crawler).process_item(ArticleItem(make_record(**change)))
        assert crawler.stats.get_value("articles/invalid") == 1
        assert crawler.stats.get_value(f"articles/invalid/{field}") == 1


def test_the_version_is_not_asked_for_before_the_index_gives_it(data_dir):
    unversioned = make_record()
    del unversioned["version"]
    with site_crawl(data_dir) as crawler:
        item = ArticleItem(unversioned)
        assert ValidatePipeline(crawler).process_item(item) is item
    # an archived line must have one
    assert schema_problems(unversioned) == ['(record): "version" is a required property']


def test_text_with_replacement_characters_is_never_archived(data_dir):
    with site_crawl(data_dir) as crawler:
        with pytest.raises(InvalidRecord, match=r"body: undecodable text \(2 replacement"):
            ValidatePipeline(crawler).process_item(
                ArticleItem(make_record(body="C\ufffdng an t\ufffdnh"))
            )
        assert crawler.stats.get_value("articles/invalid/body") == 1


WRONG_VALUES = (None, 0, -1, "", " ", "x", [], {}, [{}], True, 1.5)


def _variants() -> list[dict]:
    """A valid record of each schema version, and each with every field set to every
    wrong kind of value in turn, or left out."""
    base = make_record()
    v2 = make_record(
        schema_version=2,
        warc_file="warc/hungyen/run-1.warc.gz",
        warc_record_id="<urn:uuid:0e6a6f5e-2a8f-4a3e-9d0b-6c1f4f4b8f21>",
    )
    variants = [base, v2]
    for record in (base, v2):
        for name in record:
            variants.append({k: v for k, v in record.items() if k != name})
            variants.extend({**record, name: value} for value in WRONG_VALUES)
    return variants


def test_the_validator_agrees_with_the_reference_implementation_on_every_variant():
    """jsonschema-rs decides what is archived; Python's jsonschema, the reference
    implementation, must find the same records valid (and problems in the same fields)."""
    from jsonschema import Draft202012Validator

    from scraper.record import article_schema

    reference = Draft202012Validator(article_schema())
    for record in _variants():
        expected = sorted(
            ".".join(map(str, e.absolute_path)) or "(record)" for e in reference.iter_errors(record)
        )
        found = sorted(problem.split(":", 1)[0] for problem in schema_problems(record))
        assert found == expected, record


@pytest.mark.parametrize(
    "change",
    [
        {"site": "hungyen\n"},  # Python's `$` matches before a final newline; ECMA-262's does not
        {"id": "hungyen-230001\n"},
        {"published_at": "٢٠٢٤-11-20T08:30:00+07:00"},  # ECMA-262's \d is an ASCII digit
    ],
)
def test_patterns_are_read_as_json_schema_specifies(change):
    assert schema_problems(make_record(**change)) != []
