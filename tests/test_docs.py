"""The README stays short, and every relative link in it and in docs/ leads to a file that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README_LIMIT = 10_240  # bytes: the README is for users; the rest goes to docs/
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def relative_links(page: Path) -> list[str]:
    """The link targets of a Markdown page outside code blocks, less web links and in-page anchors."""
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return [target for target in _LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:|#", target)]


def test_readme_is_at_most_10_kb():
    size = (ROOT / "README.md").stat().st_size
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail to docs/ (limit {README_LIMIT})"


def test_the_link_reader_finds_relative_links_only(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[a](docs/a.md) ![b](b.png) [c](https://x.org/c.md) [d](#d) [e](e.md#part)\n"
                    "```\n[f](inside/a/code/block.md)\n```\n", encoding="utf-8")
    assert relative_links(page) == ["docs/a.md", "b.png", "e.md#part"]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_points_to_an_existing_file(page):
    broken = [target for target in relative_links(page)
              if not (page.parent / target.split("#", 1)[0]).exists()]
    assert broken == [], f"{page.relative_to(ROOT)} links to missing files: {broken}"
