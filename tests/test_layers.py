"""The layers point one way: engine, then what both shells share, then the shells.

`game.engine` imports nothing else of `game`; the shared modules (every other module
outside the shells: `game.common`, `game.paths`, `game.report`...) import only the
engine and each other; the TUI never imports the CLI (the CLI may open the TUI). No module is part of an import cycle, counting the imports
made inside functions too, and each module imports on its own in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"
SHELLS = ("game.tui", "game.cli", "game.__main__")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GAME.rglob("*.py")):
        parts = path.relative_to(GAME.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules of `game` that `name` imports anywhere in its source."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in MODULES else module)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_engine_imports_nothing_above_it() -> None:
    wrong = {m: sorted(d for d in deps if not _within(d, "game.engine")) for m, deps in GRAPH.items()}
    assert {m: d for m, d in wrong.items() if _within(m, "game.engine") and d} == {}


def test_the_shared_layer_imports_no_shell() -> None:
    shared = [m for m in MODULES if m != "game" and not _within(m, "game.engine", *SHELLS)]
    assert "game.common" in shared and "game.report" in shared
    wrong = {m: sorted(d for d in GRAPH[m] if _within(d, *SHELLS)) for m in shared}
    assert {m: d for m, d in wrong.items() if d} == {}


def test_the_tui_does_not_import_the_cli() -> None:
    wrong = {m: sorted(d for d in deps if _within(d, "game.cli")) for m, deps in GRAPH.items()}
    assert {m: d for m, d in wrong.items() if _within(m, "game.tui") and d} == {}


def test_no_import_cycles() -> None:
    """Depth-first search for a back edge; the cycle found is named in the failure."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        path.append(m)
        for d in sorted(GRAPH[m]):
            if state.get(d) == 1:
                return [*path[path.index(d) :], d]
            if d not in state and (cycle := visit(d)):
                return cycle
        path.pop()
        state[m] = 2
        return None

    for m in sorted(GRAPH):
        cycle = visit(m) if m not in state else None
        assert cycle is None, " -> ".join(cycle)


_IMPORT_EACH = """
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "game" or m.startswith("game.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc(limit=-1).strip().splitlines()[-1])
    if name == "game.engine":
        above = sorted(m for m in sys.modules if m.startswith(("game.tui", "game.cli", "textual")))
        if above:
            failed.append("game.engine loads " + ", ".join(above))
print("\\n".join(failed))
"""


def test_each_module_imports_alone() -> None:
    """Each module imported first, in one fresh interpreter (the game's modules are
    forgotten between imports, the libraries kept, to stay fast)."""
    names = [m for m in MODULES if m != "game.__main__"]
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, *names], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
