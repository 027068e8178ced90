"""Cold start: fresh processes, each timed from spawn to exit."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from testbed.bench.report import Figure, Peer, Section, Target
from testbed.bench.rounds import interleaved, seconds
from testbed.replica import build_replica

ROOT = Path(__file__).resolve().parents[2]  # the checkout: `-m scraper` is its package
SITE = "hungyen"


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    # the project's own interpreter and commands, no shell
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def _timed(*args: str) -> Callable[[], float]:
    """The command's wall time in ms; RuntimeError with its stderr if it fails."""

    def once() -> None:
        done = _python(*args)
        if done.returncode != 0:
            raise RuntimeError(f"python {' '.join(args)} failed: {done.stderr.strip()}")

    return lambda: seconds(once) * 1000


def scrapy_modules_of_sites() -> int:
    """How many Scrapy modules a `police-archive sites` process imports (-X importtime
    lists every module a process imports, one line each, on stderr)."""
    done = _python("-X", "importtime", "-m", "scraper", "sites")
    names = (line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines())
    return sum(1 for name in names if name == "scrapy" or name.startswith("scrapy."))


def section(rounds: int) -> Section:
    replica = build_replica(SITE)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "article.html"
        page.write_bytes(replica.pages[replica.article_paths[0]].body)
        contenders = {
            "extract": _timed("-m", "scraper", "extract", str(page), "--site", SITE),
            "sites": _timed("-m", "scraper", "sites"),
            "python": _timed("-c", "pass"),
            "lxml": _timed("-c", "import lxml.html"),
            "scrapy": _timed("-c", "import scrapy"),
        }
        for run in contenders.values():  # the files in the page cache: a process's cold start
            run()
        ms = interleaved(contenders, rounds)
    bare = Peer("python -c pass", ms["python"])
    figures = [
        Figure(
            "extract one page (fresh process)",
            "ms",
            ms["extract"],
            (
                bare,
                Peer('python -c "import lxml.html"', ms["lxml"]),
                Peer('python -c "import scrapy"', ms["scrapy"]),
            ),
        ),
        Figure(
            "police-archive sites (fresh process)",
            "ms",
            ms["sites"],
            (bare, Peer('python -c "import scrapy"', ms["scrapy"])),
        ),
        Figure(
            "Scrapy modules `sites` imports",
            "modules",
            [scrapy_modules_of_sites()],
            (),
            Target(0, False, "none"),
        ),
    ]
    return Section("Cold start", STARTUP_ABOUT.format(site=SITE), figures)


STARTUP_ABOUT = (
    "Milliseconds from spawning a fresh interpreter to its exit. *Extract one page*: "
    "`python -m scraper extract PAGE --site {site}` on the first article page of the "
    "{site} replica, saved to a file, until its JSON line is printed (imports, profile, one "
    "parse, normalisation). *Sites*: `python -m scraper sites`, the profiles table. Peers: a "
    'bare `python -c pass`, `python -c "import lxml.html"` and `python -c "import scrapy"`. '
    "Each command runs once before the rounds so that its files are in the page cache (a "
    "process's cold start, not a disk's); the rounds then run every command once each, in a "
    "rotating order. The module count is read from `python -X importtime -m scraper sites`."
)
