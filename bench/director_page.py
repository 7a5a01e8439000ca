"""Render time of the director's page (Tổng quan) — issue 6, docs/performance.md.

    python bench/director_page.py                          # demo data, fresh SQLite
    python bench/director_page.py --dossiers 1000000       # plus 1 M synthetic dossiers
    python bench/director_page.py --database-url postgres://postgres@127.0.0.1:5432/wt6_bench

It loads the demo into a fresh database (a temporary SQLite file unless --database-url names
one: never point it at real data), optionally adds N dossiers through the dossiers bench
generator (bench/dossiers.py, when the dossiers app is installed), then renders "/" for the demo
director (giamdoc) and a unit head (truongphong) --repeat times each and prints the median,
the fastest and the slowest render and the number of queries. Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, run_import


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--dossiers", type=int, default=0, help="synthetic dossiers to add")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="parindex-director-bench-")
    env = {**os.environ, "PARINDEX_DATA_DIR": data_dir, "PYTHONPATH": str(ROOT)}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    os.environ.update(env)
    run = [sys.executable, "-m", "parindex"]
    subprocess.run([*run, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    started = time.perf_counter()
    demo = subprocess.run([*run, "demo"], env=env, cwd=ROOT, capture_output=True, text=True)
    if demo.returncode != 0:
        print("parindex demo failed; loading each app's demo on its own instead", file=sys.stderr)
        _demo_per_app()
    print(f"demo loaded in {time.perf_counter() - started:.1f} s")
    if args.dossiers:
        _add_dossiers(args.dossiers, env)
    _measure(args.repeat)


def _setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parindex.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()


def _demo_per_app() -> None:
    """The demo app by app, leaving out an app whose demo fails (printed)."""
    _setup()
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from parindex.org.demo import build_organisation

    ctx = build_organisation(out=None)
    for config in apps.get_app_configs():
        if not config.name.startswith("parindex.") or config.label == "org":
            continue
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError:
            continue
        try:
            with transaction.atomic():
                module.load(ctx)
        except Exception as exc:  # noqa: BLE001 - a bench reports and goes on
            print(f"  demo of {config.label} left out: {exc!r}", file=sys.stderr)


def _add_dossiers(count: int, env: dict[str, str]) -> None:
    """N synthetic dossiers (bench/dossiers.py's generator) imported into the demo agency."""
    bench = ROOT / "bench" / "dossiers.py"
    if not bench.exists():
        print(f"bench/dossiers.py is absent: {count} dossiers not added", file=sys.stderr)
        return
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_dossiers", bench)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = Path(env["PARINDEX_DATA_DIR"]) / "bench-dossiers.csv"
    started = time.perf_counter()
    module.generate(path, count)
    run_import(path, "SKHCN", env, "--create-procedures")
    print(f"{count} dossiers generated and imported in {time.perf_counter() - started:.0f} s")


def _measure(repeat: int) -> None:
    _setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    from parindex.org.models import User

    setup_test_environment()
    from django.conf import settings

    settings.DEBUG = True  # count queries
    for username in ("giamdoc", "truongphong"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        from django.core.cache import cache

        client.get("/metrics/indicators/")  # the process's own first-request costs
        cache.clear()
        started = time.perf_counter()
        client.get("/")  # cold: the dossier figures are computed and cached
        cold = (time.perf_counter() - started) * 1000
        times = []
        queries = 0
        for _ in range(repeat):
            reset_queries()
            started = time.perf_counter()
            response = client.get("/")
            times.append((time.perf_counter() - started) * 1000)
            queries = len(connection.queries)
            assert response.status_code == 200  # noqa: S101 - a broken page is no figure
        slowest = sorted(connection.queries, key=lambda q: -float(q["time"]))[:3]
        for query in slowest:
            print(f"    {float(query['time']) * 1000:.0f} ms  {query['sql'][:160]}")
        print(
            f"{connection.vendor} {username}: median {statistics.median(times):.0f} ms, "
            f"min {min(times):.0f} ms, max {max(times):.0f} ms, {queries} queries "
            f"({repeat} renders); first render with an empty cache {cold:.0f} ms"
        )


if __name__ == "__main__":
    main()
