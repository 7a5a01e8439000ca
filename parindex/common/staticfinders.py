"""The date picker's files (static/parindex/datepicker.js), served from the XStatic packages.

jQuery and jQuery UI are installed from PyPI with parindex, never copied into the repository.
Only the files the picker loads are offered to staticfiles: the jQuery UI package also ships 24
more themes and unminified bundles whose CSS comments hold ``url(%22images…%22)`` examples,
which the manifest storage of production tries to resolve, and fails on, at collectstatic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import xstatic.pkg.jquery
import xstatic.pkg.jquery_ui
from django.contrib.staticfiles.finders import BaseFinder
from django.contrib.staticfiles.utils import get_files
from django.core.files.storage import FileSystemStorage

#: URL prefix under STATIC_URL → (package data folder, files or folders ending in "/" served).
SERVED: dict[str, tuple[str, tuple[str, ...]]] = {
    "xstatic/jquery": (xstatic.pkg.jquery.BASE_DIR, ("jquery.min.js", "jquery.min.map")),
    "xstatic/jquery-ui": (xstatic.pkg.jquery_ui.BASE_DIR, ("jquery-ui.min.js", "themes/base/")),
}


def _served(path: str, wanted: tuple[str, ...]) -> bool:
    return any(path == w or (w.endswith("/") and path.startswith(w)) for w in wanted)


class XStaticFinder(BaseFinder):
    """Finds the picker's files in the installed XStatic packages, under ``xstatic/<name>/``."""

    def __init__(self) -> None:
        self.storages: dict[str, tuple[FileSystemStorage, tuple[str, ...]]] = {}
        for prefix, (root, wanted) in SERVED.items():
            storage = FileSystemStorage(location=root)
            storage.prefix = prefix  # collectstatic and whitenoise put the files under it
            self.storages[prefix] = (storage, wanted)

    def check(self, **kwargs: Any) -> list[Any]:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str]:
        matches = []
        for prefix, (storage, wanted) in self.storages.items():
            name = path.removeprefix(f"{prefix}/")
            if name != path and _served(name, wanted) and storage.exists(name):
                if not find_all:
                    return storage.path(name)
                matches.append(storage.path(name))
        return matches  # empty when not found, as Django's own finders answer

    def list(self, ignore_patterns: list[str] | None) -> Iterator[tuple[str, FileSystemStorage]]:
        for storage, wanted in self.storages.values():
            for path in get_files(storage, ignore_patterns):
                if _served(path, wanted):
                    yield path, storage
