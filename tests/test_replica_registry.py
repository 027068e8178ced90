"""The replica package's structure: its site list is the profiles, each profile has a
builder and each builder a profile, its expected records take nothing from the code under
test, and no module of testbed imports one that imports it back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scraper.profiles import load_profiles
from testbed.replica import HOLDOUT_KEYS, SITE_KEYS, UNSEEN_KEYS, build_replica
from testbed.replica.registry import HOLDOUT_BUILDERS, SITE_BUILDERS, UNSEEN_BUILDERS, builder
from tests.helpers import ROOT

# What the replica package may take from the runtime package, by module: the site list
# (the profiles) and the server's loopback check. Nothing that computes an expected value.
ALLOWED_SCRAPER_IMPORTS = {
    "testbed.replica.registry": {"scraper.profiles", "scraper.profiles.load_profiles"},
    "testbed.replica.server": {"scraper.extract.urls", "scraper.extract.urls.is_loopback"},
}


def test_site_keys_are_the_profiles():
    assert tuple(sorted(load_profiles())) == SITE_KEYS


def test_every_profile_has_a_replica_builder():
    missing = sorted(set(load_profiles()) - set(SITE_BUILDERS))
    assert not missing, f"profiles without a replica builder: {missing}"


def test_every_site_builder_has_a_profile():
    orphans = sorted(set(SITE_BUILDERS) - set(load_profiles()))
    assert not orphans, f"replica builders without a profile: {orphans}"


def test_layouts_have_no_profile_and_keys_are_distinct():
    profiles = set(load_profiles())
    assert not (set(UNSEEN_KEYS) | set(HOLDOUT_KEYS)) & profiles
    assert not set(UNSEEN_KEYS) & set(HOLDOUT_KEYS)
    assert tuple(UNSEEN_BUILDERS) == UNSEEN_KEYS
    assert tuple(HOLDOUT_BUILDERS) == HOLDOUT_KEYS


def test_each_replica_is_built_under_its_own_key():
    for key in SITE_KEYS + UNSEEN_KEYS + HOLDOUT_KEYS:
        assert build_replica(key).key == key
    with pytest.raises(KeyError):
        builder("hanoi")


# ------------------------------------------------------------------------- imports


def _modules(package_dir: Path, root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package) for every module under package_dir."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imports(path: Path, name: str, is_package: bool) -> set[str]:
    """Every module an import statement of the file names, those inside functions included.
    ``from . import x`` names the package itself (its ``__init__`` runs) and ``x``."""
    package = name if is_package else name.rpartition(".")[0]
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            named.add(base)
            named.update(f"{base}.{alias.name}" for alias in node.names)
    return named


def import_cycles(package_dir: Path, root: Path) -> list[list[str]]:
    """Groups of modules of the package that import each other, directly or transitively."""
    modules = _modules(package_dir, root)
    graph = {
        name: sorted(m for m in _imports(path, name, is_pkg) if m in modules and m != name)
        for name, (path, is_pkg) in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return cycles


def test_the_cycle_check_sees_lazy_and_package_imports(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("def build():\n    from . import site\n")
    (pkg / "site.py").write_text("from . import text\n")
    (pkg / "text.py").write_text("")
    (pkg / "clean.py").write_text("from .text import WORDS\n")
    assert import_cycles(pkg, tmp_path) == [["pkg", "pkg.site"]]


def test_testbed_has_no_import_cycle():
    assert import_cycles(ROOT / "testbed", ROOT) == []


def test_replica_truth_takes_nothing_from_the_code_under_test():
    """The expected records come from the replica's own model: no extractor, adapter or
    URL rule of ``scraper`` is imported by the replica package (lazily or not)."""
    for name, (path, is_pkg) in _modules(ROOT / "testbed" / "replica", ROOT).items():
        used = {m for m in _imports(path, name, is_pkg) if m.split(".")[0] == "scraper"}
        allowed = ALLOWED_SCRAPER_IMPORTS.get(name, set())
        assert used <= allowed, f"{name} imports {sorted(used - allowed)}"
