"""The package's layers, read from the source (ast): data/ and engine/ never import the fronts
(serve/, gui/, Qt), and no two files import each other, directly or round a loop (imports
inside functions count: a lazy import is still a dependency; an import under
``if TYPE_CHECKING:`` does not, as it never runs: it only names a type for annotations)."""

from __future__ import annotations

import ast
from pathlib import Path

import farense_studio

PACKAGE = Path(farense_studio.__file__).parent
ROOT = "farense_studio"
LOWER_LAYERS = ("farense_studio.data", "farense_studio.engine")
FRONTS = ("farense_studio.serve", "farense_studio.gui", "PySide6", "qasync")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Every module `name` imports (at any depth of its code), as dotted names; for
    ``from X import y`` the submodule X.y when that is a module of ours, X otherwise."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                   for stmt in node.body for inner in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def import_graph() -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {name: {m for m in imports_of(name, path, known) if m in known and m != name}
            for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_data_and_engine_never_import_the_fronts():
    modules = all_modules()
    known = set(modules)
    offending = set()
    for name, path in modules.items():
        if not name.startswith(LOWER_LAYERS):
            continue
        for target in imports_of(name, path, known):
            if target.startswith(FRONTS):
                offending.add((name, target))
    assert offending == set(), "data/ or engine/ imports a front (serve/, gui/, Qt): " + repr(sorted(offending))


def test_no_import_cycle_between_files():
    graph = import_graph()
    # The walk sees the modules it must see: the models <-> download <-> gguf_convert loop of
    # before would be caught (download imports the model-folder leaf, not models).
    assert "farense_studio.engine.model_folder" in graph["farense_studio.engine.download"]
    assert "farense_studio.engine.download" in graph["farense_studio.engine.models"]
    assert cycles(graph) == []


def test_the_cycle_finder_sees_a_loop_through_lazy_imports(tmp_path):
    """The checker itself: a loop made only of an import inside a function is found."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (package / "c.py").write_text("import pkg.a\n")
    names = {"pkg", "pkg.a", "pkg.b", "pkg.c"}
    graph = {f"pkg.{n}": {m for m in imports_of(f"pkg.{n}", package / f"{n}.py", names) if m in names}
             for n in "abc"}
    assert graph == {"pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"}, "pkg.c": {"pkg.a"}}
    assert cycles(graph) == [["pkg.a", "pkg.b"]]
