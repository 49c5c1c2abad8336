"""Story collapsing on a real day of news: SaudiNewsNet, 1 August 2015, 14 Saudi outlets.

Each article is one section summarized extractively (as a digest does when no model summary is stored
yet), all under one region, so every pair of the day is a candidate: the busiest case for grouping.
"""

from __future__ import annotations

import json
import zipfile
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest

from nashra.arabic import word_list
from nashra.digest.compose import SAME_STORY_JACCARD, SectionInput, Story, collapse_stories
from summarizer.extractive import extractive_summary

DAY = "2015-08-01"

# The same report carried by two outlets (wire copy, lightly edited).
SAME_STORY = [
    # An Egyptian court sentences 300 supporters of the Brotherhood.
    (
        "http://www.alweeam.com.sa/350326/محكمة-مصرية-تعاقب-300-إخواني-بالسجن-بين-3-10/",
        "http://www.alriyadh.com/1069668",
    ),
    # A woman jumps the White House fence.
    (
        "http://aawsat.com/home/article/419936/القبض-على-امرأة-حاولت-القفز-إلى-داخل-البيت-الأبيض",
        "http://www.alyaum.com/article/4081339",
    ),
    # The education ministry on assigning counsellors by speciality.
    (
        "http://www.alweeam.com.sa/350310/التعليم-تشدد-على-اعتماد-أولوية-التخ/",
        "http://www.3alyoum.com/news/local/a/التعليم-توجه-بمراعاة-التخصص-عند-تكلي/",
    ),
    # A telecom company visits kidney patients.
    ("http://www.alriyadh.com/1069556", "http://www.aleqt.com/2015/08/01/article_977971.html"),
]
# Different stories that share much of their wording.
DIFFERENT_STORIES = [
    # The king takes a call from the French president / the king cables the president of Benin.
    ("http://www.aleqt.com/2015/08/01/article_977901.html", "http://www.alyaum.com/article/4081192"),
    # Fighting in Taiz / the al-Anad air base.
    (
        "http://www.alweeam.com.sa/350237/اليمن-معارك-في-تعز-والمقاومة-تتقدم-بأ/",
        "http://aawsat.com/home/article/419666/قاعدة-«العند»-مرتكز-الانتصار-في-حروب-اليمن",
    ),
]


@cache
def _day_sections(folder: Path) -> tuple[SectionInput, ...]:
    with zipfile.ZipFile(folder / f"real/saudinewsnet/{DAY}.zip") as archive:
        articles = json.loads(archive.read(f"{DAY}.json"))
    articles.sort(key=lambda a: a["date_extracted"], reverse=True)  # most recent first
    sections = []
    for number, article in enumerate(articles):
        summary = extractive_summary(None, article["content"] or "", words=30)
        if summary.strip():
            sections.append(
                SectionInput(
                    article_id=number,
                    summary=summary,
                    source=article["source"],
                    url=article["url"],
                    published_at=article["date_extracted"],
                    ingested_at=article["date_extracted"],
                    codes=("SA",),
                    title=article["title"],
                )
            )
    return tuple(sections)


@pytest.fixture
def day(shared_dir: Path) -> tuple[SectionInput, ...]:
    return _day_sections(shared_dir)


def _story_of(stories: list[Story]) -> dict[str, int]:
    return {section.url or "": rank for rank, story in enumerate(stories) for section in story.sections}


def test_one_report_carried_by_two_outlets_is_one_story_with_both_sources(
    day: tuple[SectionInput, ...],
) -> None:
    stories = collapse_stories(day)
    story = _story_of(stories)
    for first, second in SAME_STORY:
        assert story[first] == story[second], (first, second)
        sources = {source.name for source in stories[story[first]].sources}
        assert len(sources) >= 2, sources


def test_different_stories_that_share_their_wording_stay_apart(day: tuple[SectionInput, ...]) -> None:
    story = _story_of(collapse_stories(day))
    for first, second in DIFFERENT_STORIES:
        assert story[first] != story[second], (first, second)


def test_the_day_groups_as_comparing_every_pair_of_summaries_would(day: tuple[SectionInput, ...]) -> None:
    """The bounded comparison (rare words, nearest neighbours) against all 800,000 pairs of the day:
    it joins nothing they do not, and misses at most 1 % of the same-story pairs they find."""
    bags = [frozenset(w for w in word_list(s.summary) if len(w) >= 3) for s in day]
    same = [
        (i, j)
        for i, j in combinations(range(len(day)), 2)
        if len(bags[i] & bags[j]) >= SAME_STORY_JACCARD * len(bags[i] | bags[j]) > 0
    ]
    parent = list(range(len(day)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in same:
        parent[root(i)] = root(j)
    story = _story_of(collapse_stories(day))
    rank = [story[s.url or ""] for s in day]
    joined = [(i, j) for i, j in combinations(range(len(day)), 2) if rank[i] == rank[j]]
    assert all(root(i) == root(j) for i, j in joined)
    missed = [(i, j) for i, j in same if rank[i] != rank[j]]
    assert len(same) > 150
    assert len(missed) <= len(same) // 100, [(day[i].url, day[j].url) for i, j in missed]
