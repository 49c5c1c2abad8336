"""Article links: spaces are percent-encoded as browsers do; only a link that leads nowhere is dropped."""

from __future__ import annotations

import pytest

from nashra.articles.links import link_problem, web_link


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://x.example/news/a b", "https://x.example/news/a%20b"),
        ("https://x.example/a?q=c d#!/route x", "https://x.example/a?q=c%20d#!/route%20x"),
        (
            "http://www.al-madina.com/node/1/«التقني»\xa0تعلن.html",
            "http://www.al-madina.com/node/1/«التقني»%C2%A0تعلن.html",
        ),
        ("https://x.example/long-\n    link", "https://x.example/long-%20%20%20%20link"),
        ("https://x.example/a\x01b", "https://x.example/a%01b"),
        ("  https://x.example/a  ", "https://x.example/a"),
    ],
)
def test_spaces_and_controls_in_a_link_are_percent_encoded(given: str, kept: str) -> None:
    assert web_link(given) == kept


def test_a_link_spelled_without_spaces_keeps_its_spelling() -> None:
    # Stored stories are identified by their link: a link accepted before must not change its spelling.
    link = "http://aawsat.com/home/article/410826/بريطانيا-أربعة-محاور"
    assert web_link(link) == link


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("", "is empty"),
        ("http://", "names no host"),
        ("https://user@/x", "names no host"),
        ("http:/x.example/a", "names no host"),
        ("ftp://x.example/a", "is no http:// or https:// address"),
        ("javascript:alert(1)", "is no http:// or https:// address"),
        ("/news/1", "is no http:// or https:// address"),
        ("http://x example/a", "has a space or a control character in its host name"),
        ("http://x.example:0x50/a", "has a port that is no number up to 65535"),
        ("http://[fe80::1/a", "has a broken IPv6 address"),
    ],
)
def test_a_link_that_leads_nowhere_is_dropped_and_its_problem_named(given: str, problem: str) -> None:
    assert web_link(given) is None
    assert link_problem(given) == problem


def test_a_usable_link_has_no_problem() -> None:
    assert link_problem("https://feeds.example.com/rss?x=1") is None


def test_half_a_surrogate_pair_in_a_crawled_link_becomes_the_replacement_character_encoded() -> None:
    assert web_link("https://news.example.org/a\ud83cb") == "https://news.example.org/a%EF%BF%BDb"
