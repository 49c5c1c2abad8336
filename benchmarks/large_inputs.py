"""Large feeds and large saved pages: reading them now against the way before, in the same run.

Builds, from real SaudiNewsNet articles (../shared/real/saudinewsnet, read in file order, so every run
builds the same bytes):

* an RSS 2.0 feed of --entries entries, newest first (title, link, pubDate, and the opening words of the
  article as HTML in ``<description>``), read with the default cap of 200 entries per feed; some real
  texts hold control characters XML forbids, so feedparser falls back to its loose parser, as on such
  feeds in the wild;
* a saved news page as sites serve them: inline styles and scripts (a framework's state as JSON), a
  navigation menu, one long article of --paragraphs paragraphs in nested ``<div>``s with ads, figures
  and ``<h2>`` subheadings between them, related links, a comment thread and a footer.

Each is read at one, a half and a quarter of its size (feed entries, article paragraphs), --repeat times
(median, seconds), the way Nashra reads it now (:func:`nashra.articles.feeds.parse_feed`,
:func:`nashra.articles.htmlpage.parse_html_page`) and the way it read it before (:func:`old_feed`: the
whole document handed to feedparser; :func:`old_page`: the whole page to trafilatura), and prints both
times, their ratio, and whether the two read the same articles (their reprs). A JSON line with every
figure comes last. The gazetteer is loaded before any timing.

    python benchmarks/large_inputs.py [--entries 50000] [--paragraphs 8000] [--repeat 1] [--only feed|page]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any
from unittest.mock import patch

import nashra.articles.feeds as feeds
import nashra.articles.htmlpage as htmlpage
from nashra.articles.evaluation import saudinewsnet_records
from nashra.articles.feeds import parse_feed
from nashra.articles.htmlpage import parse_html_page
from nashra.regions.gazetteer import get_gazetteer

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "real" / "saudinewsnet"
NEWEST = datetime(2015, 8, 11, 23, 0, tzinfo=UTC)


def _paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def real_articles(corpus: Path) -> Iterator[tuple[str, list[str], str]]:
    """(title, paragraphs, url) of every SaudiNewsNet record with both, in file order, endlessly."""
    while True:
        found = False
        for _, record in saudinewsnet_records(corpus):
            paragraphs = _paragraphs(record["body"])
            if record["title"].strip() and paragraphs:
                found = True
                yield record["title"].strip(), paragraphs, record["url"] or ""
        if not found:
            raise SystemExit(f"no SaudiNewsNet articles in {corpus}")


def feed_items(corpus: Path, entries: int) -> list[str]:
    """``entries`` RSS items of real articles, one every two minutes back from 2015-08-11, newest first."""
    items = []
    for n, (title, paragraphs, _) in zip(range(entries), real_articles(corpus), strict=False):
        when = format_datetime(NEWEST - timedelta(minutes=2 * n))
        description = escape(f"<p>{' '.join(paragraphs[0].split()[:8])}</p>")
        items.append(
            f"<item><title>{escape(title)}</title><link>https://news.example.sa/{n}</link>"
            f"<pubDate>{when}</pubDate><description>{description}</description></item>\n"
        )
    return items


def feed_document(items: list[str]) -> bytes:
    """An RSS 2.0 document of ``items``."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>أخبار السعودية</title><link>https://news.example.sa/</link>"
        "<description>آخر الأخبار</description>\n" + "".join(items) + "</channel></rss>\n"
    ).encode()


def build_page(corpus: Path, paragraphs: int) -> bytes:
    """A saved page whose article has ``paragraphs`` real paragraphs, wrapped as news sites wrap them."""
    source = real_articles(corpus)
    title, _, _ = next(source)
    headlines = [next(source)[0] for _ in range(60)]
    body: list[str] = []
    while len(body) < paragraphs:
        body.extend(next(source)[1])
    body = body[:paragraphs]
    state = json.dumps(
        {
            "props": {
                "pageProps": {
                    "related": [
                        {"id": n, "title": h, "html": f"<p>{h}</p>" * 20}
                        for n, h in enumerate(headlines * 20)
                    ]
                }
            }
        },
        ensure_ascii=False,
    )
    style = "".join(f".c{n}{{margin:{n % 7}px;padding:{n % 5}px}}\n" for n in range(4000))
    nav = "".join(
        f'<li class="menu-item"><a href="/section/{n}">{escape(h)}</a></li>' for n, h in enumerate(headlines)
    )
    parts = [
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">',
        f"<title>{escape(title)} | صحيفة الأخبار</title>",
        '<meta property="og:site_name" content="صحيفة الأخبار">',
        '<meta name="author" content="محرر الأخبار">',
        '<meta property="article:published_time" content="2015-08-11T09:15:00+03:00">',
        f"<style>{style}</style>",
        f'<script id="__NEXT_DATA__" type="application/json">{state}</script>',
        "<script>"
        + "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * 500
        + "</script></head><body>",
        f'<header class="site-header"><nav class="main-nav"><ul>{nav}</ul></nav></header>',
        '<div class="wrapper"><div class="container"><div class="row"><main class="col-md-8">',
        f'<article class="post"><h1 class="entry-title">{escape(title)}</h1>',
        '<div class="meta"><span class="byline">الرياض - محرر الأخبار</span>'
        '<time datetime="2015-08-11T09:15:00+03:00">11 أغسطس 2015</time></div>',
        '<div class="entry-content">',
    ]
    for n, paragraph in enumerate(body):
        if n and n % 25 == 0:
            parts.append(f"<h2>{escape(headlines[n // 25 % len(headlines)])}</h2>")
        if n and n % 40 == 0:
            parts.append(
                f'<figure class="wp-caption"><img src="/img/{n}.jpg" alt="صورة"><figcaption>'
                f"{escape(headlines[n % len(headlines)])}</figcaption></figure>"
            )
        if n and n % 15 == 0:
            parts.append(
                '<div class="ad-slot"><ins class="adsbygoogle" data-ad-slot="123"></ins>'
                "<script>(adsbygoogle=window.adsbygoogle||[]).push({});</script></div>"
            )
        parts.append(f'<div class="para-wrap"><p class="text">{escape(paragraph)}</p></div>')
    parts.append("</div></article>")
    related = "".join(f'<li><a href="/news/{n}">{escape(h)}</a></li>' for n, h in enumerate(headlines))
    parts.append(f'<aside class="related"><h3>أخبار ذات صلة</h3><ul>{related}</ul></aside>')
    comments = "".join(
        f'<li class="comment" id="comment-{n}"><div class="comment-author">قارئ {n}</div>'
        f'<div class="comment-body"><p>{escape(headlines[n % len(headlines)])}</p></div></li>'
        for n in range(max(20, paragraphs // 4))
    )
    parts.append(f'<section id="comments" class="comments"><h3>التعليقات</h3><ol>{comments}</ol></section>')
    parts.append("</main></div></div></div>")
    parts.append(f'<footer class="site-footer"><ul>{related}</ul><p>جميع الحقوق محفوظة</p></footer>')
    parts.append("<script>" + "console.log('x');" * 2000 + "</script></body></html>")
    return "\n".join(parts).encode()


def old_feed(data: bytes, origin: str) -> list[Any]:
    """The feed read as before: the whole document handed to feedparser."""
    with patch.object(feeds, "feed_window", lambda *args: None):
        return parse_feed(data, origin)


def old_page(data: bytes, origin: str) -> list[Any]:
    """The page read as before: the whole page handed to trafilatura."""
    with patch.object(htmlpage, "_bounded", lambda page, max_chars: page):
        return [parse_html_page(data, origin)]


def new_feed(data: bytes, origin: str) -> list[Any]:
    return parse_feed(data, origin)


def new_page(data: bytes, origin: str) -> list[Any]:
    return [parse_html_page(data, origin)]


def timed(read: Callable[[bytes, str], list[Any]], data: bytes, repeat: int) -> tuple[float, list[Any]]:
    times = []
    result: list[Any] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = read(data, "bench")
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def same(first: list[Any], second: list[Any]) -> bool:
    return [repr(item) for item in first] == [repr(item) for item in second]


def compare(kind: str, size: int, data: bytes, old: Callable, new: Callable, repeat: int) -> dict:
    old_s, old_result = timed(old, data, repeat)
    new_s, new_result = timed(new, data, repeat)
    row = {
        "input": kind,
        "size": size,
        "bytes": len(data),
        "old_s": round(old_s, 3),
        "new_s": round(new_s, 3),
        "old_over_new": round(old_s / new_s, 1),
        "articles": len(new_result),
        "same": same(old_result, new_result),
    }
    print(
        f"{kind} {size:>6}: {len(data) / 1e6:5.1f} MB  old {old_s:7.3f} s  new {new_s:7.3f} s  "
        f"old/new ×{old_s / new_s:6.1f}  {len(new_result)} articles, same: {row['same']}",
        flush=True,
    )
    return row


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet .zip files")
    parser.add_argument("--entries", type=int, default=50_000, help="entries of the largest feed")
    parser.add_argument("--paragraphs", type=int, default=8000, help="paragraphs of the largest page")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=("feed", "page"), default=None)
    args = parser.parse_args(argv)
    get_gazetteer()  # loaded once per process, by whichever reads first: not counted against either
    rows = []
    if args.only != "page":
        items = feed_items(args.corpus, args.entries)
        for entries in (args.entries // 4, args.entries // 2, args.entries):
            feed = feed_document(items[:entries])
            rows.append(compare("feed", entries, feed, old_feed, new_feed, args.repeat))
    if args.only != "feed":
        for paragraphs in (args.paragraphs // 4, args.paragraphs // 2, args.paragraphs):
            page = build_page(args.corpus, paragraphs)
            rows.append(compare("page", paragraphs, page, old_page, new_page, args.repeat))
    print(json.dumps({"rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
