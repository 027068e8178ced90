"""Body extraction on a public corpus no rule was written for: Mozilla Readability's test
pages (130 real pages with the text a reader keeps, Apache-2.0).

The corpus is not bundled (29 MB): it is read from ``POLICE_READABILITY_CORPUS`` or from
``../shared/corpora/readability`` beside the checkout, as the project's machines and CI
have it. Each page's ``expected.html`` text is the gold body; the score is the precision,
recall and F1 of 4-word shingles, beside trafilatura's on the same pages.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html

from scraper.platforms import ExtractionError
from scraper.platforms.generic import GenericAdapter
from scraper.site_profile import SiteProfile
from testbed.evaluate.fields import same_text, shingle_prf, tokens

# The pages' own base URL in the Readability test suite.
PAGE_URL = "http://fakehost/test/page.html"
_PROFILE = SiteProfile(
    key="corpus", name="corpus", base_url="http://fakehost", platform="generic", start_paths=("/",)
)


@dataclass
class CorpusScore:
    pages: int = 0
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    empty: int = 0  # the gold has text, the extraction none
    titles: int = 0
    worst: list[tuple[float, str]] = field(default_factory=list)

    def mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0


def corpus_dir() -> Path | None:
    """Where the corpus is, or None when this machine has none."""
    candidates = [os.environ.get("POLICE_READABILITY_CORPUS")]
    candidates.append(str(Path(__file__).resolve().parents[2] / "../shared/corpora/readability"))
    for candidate in filter(None, candidates):
        pages = Path(candidate) / "pages"
        if pages.is_dir():
            return pages
    return None


def gold_text(page_dir: Path) -> str:
    root = html.fromstring((page_dir / "expected.html").read_bytes().decode("utf-8"))
    for node in root.xpath("//script | //style"):
        node.drop_tree()
    return root.text_content()


def ours(source: str) -> tuple[str, str]:
    """(body, title) of a page as the generic adapter reads it."""
    root = html.document_fromstring(source)
    try:
        record = GenericAdapter(_PROFILE).parse_article(root, PAGE_URL)
    except ExtractionError:
        return "", ""
    return record["body"], record["title"]


def trafilatura_reader() -> Callable[[str], tuple[str, str]] | None:
    try:
        import trafilatura
    except ImportError:
        return None

    def read(source: str) -> tuple[str, str]:
        try:
            doc = trafilatura.bare_extraction(source, url=PAGE_URL, with_metadata=True)
        except Exception:
            return "", ""
        return (doc.text or "", doc.title or "") if doc is not None else ("", "")

    return read


def score_corpus(
    reader: Callable[[str], tuple[str, str]], pages: Path | None = None
) -> CorpusScore | None:
    pages = pages or corpus_dir()
    if pages is None:
        return None
    score = CorpusScore()
    for page_dir in sorted(p for p in pages.iterdir() if (p / "source.html").exists()):
        source = (page_dir / "source.html").read_bytes().decode("utf-8", "replace")
        gold = gold_text(page_dir)
        meta = json.loads((page_dir / "expected-metadata.json").read_text("utf-8"))
        body, title = reader(source)
        precision, recall, f1 = shingle_prf(body, gold)
        score.pages += 1
        score.precision.append(precision)
        score.recall.append(recall)
        score.f1.append(f1)
        score.empty += int(not tokens(body) and bool(tokens(gold)))
        score.titles += int(same_text(title, meta.get("title") or ""))
        score.worst.append((f1, page_dir.name))
    score.worst = sorted(score.worst)[:5]
    return score
