"""The import graph stays layered (docs/architecture.md): no module imports itself back through others, the
import-linter contracts of pyproject.toml hold, and no file is named after another app."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(p.name for p in (ROOT / "src" / "sanshen").iterdir() if (p / "__init__.py").exists())
# Other names an app's concept goes by in a file name (a `channel_views.py` belongs in channels/).
CONCEPT_PREFIXES = {"channel": "channels", "delivery": "deliveries", "stats": "statistics", "backups": "backup"}


def cycles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == module:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_itself_back_through_others():
    sys.path.insert(0, str(ROOT / "src"))
    assert cycles(grimp.build_graph("sanshen")) == []


def test_a_cycle_is_found_where_there_is_one():
    class Graph:  # a → b → c → a, and d alone
        modules = {"a", "b", "c", "d"}
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert cycles(Graph()) == [["a", "b", "c"]]


def test_the_import_layer_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency: pip install -e '.[test]'"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": str(Path(sys.executable).parent), "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_no_file_is_named_after_another_app():
    prefixes = {**{app: app for app in APPS}, **CONCEPT_PREFIXES}
    misplaced = [f"{app}/{path.name}" for app in APPS for path in (ROOT / "src" / "sanshen" / app).glob("*_*.py")
                 if prefixes.get(path.name.split("_")[0], app) != app]
    assert misplaced == []
