"""The compiled Vietnamese catalogues (.mo) the running program reads.

The repository keeps only the .po sources. A wheel gets its .mo files from the build hook in
`setup.py`; a source tree (or an install whose .mo files went missing) gets them here, compiled
with polib at start-up when a .mo is missing or older than its .po and the folder is writable.
"""

from __future__ import annotations

import logging
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
log = logging.getLogger(__name__)


def sources(root: Path = PACKAGE) -> list[Path]:
    return sorted(root.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path: Path) -> Path:
    import polib

    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


def stale(root: Path = PACKAGE) -> list[Path]:
    """The .po files whose .mo is missing or older."""
    found = []
    for po in sources(root):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            found.append(po)
    return found


def ensure_compiled(root: Path = PACKAGE) -> int:
    """Compile what is stale; returns how many were compiled. Never stops the program: an
    unwritable install is logged and served with what it has."""
    done = 0
    for po in stale(root):
        try:
            compile_catalogue(po)
            done += 1
        except OSError as exc:
            log.warning("cannot compile %s: %s", po, exc)
    if done:
        _forget_loaded_catalogues()
    return done


def _forget_loaded_catalogues() -> None:
    """Apps set up before ours (django-axes, django-tasks…) already asked for a translation,
    so Django holds the language's catalogue as it was without our .mo files; drop it, the way
    Django does itself when LANGUAGES changes, so the next look-up reads the compiled files."""
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
