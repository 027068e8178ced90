"""No import cycles in the project's packages, imports inside functions included.

The graph is read from the source (every ``import`` and ``from ... import`` statement,
wherever it stands, except under ``if TYPE_CHECKING:``, which never runs), so an import
hidden in a function to dodge a cycle is still an edge.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from tests.helpers import ROOT

PACKAGES = ("scraper", "pipelines", "testbed")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(n for stmt in node.body for n in ast.walk(stmt))
    return skipped


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports: `from a.b import c` is a.b.c when c is a
    module, else a.b (whose package __init__ modules run too, but are not edges here:
    a package importing its own submodules is not a cycle)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def a_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (its modules, the first repeated at the end), or None."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])
    return None


def test_the_finder_sees_a_cycle_through_a_lazy_import():
    found = a_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert found is not None
    assert set(found) == {"a", "b", "c"}
    assert a_cycle({"a": {"b"}, "b": set()}) is None


def test_a_function_level_import_is_an_edge(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from scraper import runner\n", "utf-8")
    assert imports_of("late", module, {"late": module, "scraper.runner": module}) == {
        "scraper.runner"
    }


def test_no_import_cycle():
    known = modules()
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    found = a_cycle(graph)
    assert found is None, "import cycle: " + " -> ".join(found or [])


def test_the_runtime_never_imports_the_testbed_but_for_its_commands():
    known = modules()
    allowed = {"scraper.cli"}  # demo, serve-replica and sites --verify serve replicas
    importers = {
        name
        for name, path in known.items()
        if name.split(".")[0] in ("scraper", "pipelines")
        and any(t.split(".")[0] == "testbed" for t in imports_of(name, path, known))
    }
    assert importers <= allowed
