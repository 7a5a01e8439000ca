"""The README names every log-in the demo prints (a newcomer must not guess one)."""

from pathlib import Path

from parindex.org.demo import PEOPLE

README = Path(__file__).resolve().parents[3] / "README.md"


def test_the_readme_names_every_demo_login():
    text = README.read_text(encoding="utf-8")
    missing = [username for username, *_rest in PEOPLE if f"`{username}`" not in text]
    assert missing == []
