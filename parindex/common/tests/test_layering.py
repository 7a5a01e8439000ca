"""Reads never write: no selectors module imports a services module (docs/architecture.md)."""

import ast
from pathlib import Path

import parindex

PACKAGE = Path(parindex.__file__).resolve().parent


def _selector_modules() -> list[Path]:
    found = [*PACKAGE.glob("*/selectors.py"), *PACKAGE.glob("*/selectors/*.py")]
    return sorted(found)


def _services_imports(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [alias.name for alias in node.names]
            if ".services" in f".{node.module}" or "services" in names:
                out.append(f"from {node.module} import {', '.join(names)}")
        elif isinstance(node, ast.Import):
            out += [f"import {a.name}" for a in node.names if ".services" in a.name]
    return out


def test_selectors_never_import_services():
    modules = _selector_modules()
    assert len(modules) > 5  # the scan sees the apps' selectors
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in modules
        if (found := _services_imports(path))
    }
    assert offenders == {}


def test_the_scan_catches_both_spellings(tmp_path):
    module = tmp_path / "selectors.py"
    module.write_text(
        "from parindex.audit.services import record\nfrom parindex.people import services\n"
    )
    assert len(_services_imports(module)) == 2
