"""Screenshots of each demo role's first screen, on a desktop and on a phone, into docs/img/.

Run from the repository root after `make install-dev` (Playwright) with Debian's Chromium:

    .venv/bin/python scripts/screenshots.py [--port 8601] [--no-demo]

It loads the demo (unless --no-demo), serves the project on 127.0.0.1:PORT for the duration,
signs in as each role and writes docs/img/first-screen-<user>-desktop.png and -phone.png
(the visible window only, so the files stay small).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Demo@2026"  # noqa: S105 - the demo password the README prints
ROLES = ["chuyenvien", "truongphong", "thamdinh", "xem", "giamdoc", "thuky"]
SIZES = {"desktop": (1280, 860), "phone": (390, 844)}


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--no-demo", action="store_true", help="use the data already loaded")
    args = parser.parse_args()
    parindex = [sys.executable, "-m", "parindex"]
    if not args.no_demo:
        subprocess.run([*parindex, "demo"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(  # noqa: S603
        [*parindex, "runserver", f"127.0.0.1:{args.port}", "--noreload"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{base}/healthz")
        from playwright.sync_api import sync_playwright

        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            for size, (width, height) in SIZES.items():
                for username in ROLES:
                    context = browser.new_context(
                        base_url=base,
                        locale="vi-VN",
                        viewport={"width": width, "height": height},
                        is_mobile=size == "phone",
                        has_touch=size == "phone",
                    )
                    page = context.new_page()
                    page.goto("/login/")
                    page.fill("#id_username", username)
                    page.fill("#id_password", PASSWORD)
                    page.click("button[type=submit]")
                    page.wait_for_load_state("networkidle")
                    path = OUT / f"first-screen-{username}-{size}.png"
                    page.screenshot(path=str(path))
                    print(path.relative_to(ROOT))
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
