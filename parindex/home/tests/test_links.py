"""Every link a demo user is shown leads to a page that user may open.

Each demo login starts on the overview and follows every same-site link, htmx request and GET
form it is shown (bounded: at most a few addresses of one shape), with Django's test client.
None may answer 403, 404 or 500. The pages' history panels are read on the way: no raw action
code and no `None`.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from parindex.audit.registry import ACTIONS
from parindex.org.demo import PEOPLE
from parindex.org.models import User

# Same shape = the same path once every segment holding a digit is replaced.
PATHS_PER_SHAPE = 12
QUERIES_PER_PATH = 1
PAGES_PER_USER = 200
# Files and side doors: exports and report downloads repeat their page's own access check
# (and a PDF costs a LibreOffice run), logout ends the walk.
SKIP = re.compile(
    r"(export=|/download/|^/logout/|^/static/|^/media/|^/django-admin/|^/api/v1/docs)"
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.history: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if a.get("hx-get"):
            self.links.append(a["hx-get"] or "")
        if tag == "form" and (a.get("method") or "get").lower() == "get" and a.get("action"):
            self.links.append(a["action"] or "")
        if self._depth:
            self._depth += 1
        elif tag == "section" and "history" in (a.get("class") or "").split():
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.history.append(data)


def _shape(path: str) -> str:
    return "/".join("N" if re.search(r"\d", part) else part for part in path.split("/"))


def crawl(client: Client, start: str = "/") -> tuple[list[str], list[str], int]:
    """Follow what the user is shown; returns (broken links, history problems, pages read)."""
    queue: deque[tuple[str, str]] = deque([(start, "")])
    seen: set[str] = set()
    paths_per_shape: dict[str, set[str]] = {}
    queries: Counter[str] = Counter()
    broken: list[str] = []
    history: list[str] = []
    codes = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, ACTIONS)) + r")(?![\w.])")
    pages = 0
    while queue and pages < PAGES_PER_USER:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path, _, query = url.partition("?")
        shape = paths_per_shape.setdefault(_shape(path), set())
        if path not in shape and len(shape) >= PATHS_PER_SHAPE:
            continue
        shape.add(path)
        if query:
            queries[path] += 1
            if queries[path] > QUERIES_PER_PATH:
                continue
        pages += 1
        try:
            response = client.get(url)
        except Exception as exc:  # a 500: report it with the others
            broken.append(f"500 {url} (from {referrer}): {exc!r}")
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            broken.append(f"{response.status_code} {url} (from {referrer})")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        text = " ".join(parser.history)
        if re.search(r"\bNone\b", text) or codes.search(text):
            history.append(f"{url}: {' '.join(text.split())[:300]}")
        for link in parser.links:
            link = link.split("#")[0]
            if link.startswith("/") and not link.startswith("//") and not SKIP.search(link):
                if link not in seen:
                    queue.append((link, url))
    return broken, history, pages


@pytest.mark.django_db
def test_no_demo_user_is_shown_a_link_that_answers_403_404_or_500():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    broken: list[str] = []
    history: list[str] = []
    pages: dict[str, int] = {}
    for username, *_ in PEOPLE:
        client = Client(raise_request_exception=True)
        client.force_login(User.objects.get(username=username))
        user_broken, user_history, pages[username] = crawl(client)
        broken += [f"{username}: {b}" for b in user_broken]
        history += [f"{username}: {h}" for h in user_history]
    assert broken == [], "\n".join(broken)
    assert history == []
    # The walk really went somewhere for every role.
    assert all(count > 20 for count in pages.values()), pages
