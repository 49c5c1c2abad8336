"""The 58 real articles through ingest, extractive summaries and compose: no digest line shows furniture."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

from nashra.articles.files import read_article_file
from nashra.articles.ingest import ingest
from nashra.articles.inputs import plan
from nashra.config import Config
from nashra.digest.select import preview
from nashra.model import Article
from summarizer.service import Summarizer
from summarizer.worker import SummaryWorker
from tests.database_template import open_database

# The composer's own Telegram formatting; what is left is what the subscriber reads.
_TELEGRAM_TAGS = re.compile(r"</?(?:b|i|u|s|a|code|pre|blockquote|tg-spoiler)(?:\s[^>]*)?>")

# Markup, embeds, prompts, tag lists, end-marks, timestamps and links that no subscriber should read.
_FURNITURE_IN_DIGEST = re.compile(
    r"<[a-z!/]|&[a-z]+;|&#\d+;|wp:|pic\.twitter\.com|https?://|www\.|\(@\w+\)"
    r"|اقرأ أيضا|إقرأ أيضا|اقرأ أيضاً|إقرأ أيضاً|مواضيع ذات صلة|شارك الخبر|تابعونا|رابط الخبر|"
    r"\bسمات\b|\bوسوم\b|انتهى\s*//|//\s*يتبع|نشر في\s*:|\b\d{1,2}:\d{2}\b|Next Previous|\.\.\.المزيد"
)


async def test_no_digest_line_shows_furniture_or_markup(shared_dir: Path, tmp_path: Path) -> None:
    folder = shared_dir / "real/articles"
    config = Config()
    parsed = [a for p in sorted(folder.glob("*.txt")) for a in read_article_file(p, 10_000_000)]
    articles = [a for a in parsed if isinstance(a, Article)]
    # Removed lines of two words or more; an outlet's bare name is what the digest credits, so it may show.
    removed = {f.text for a in articles for f in a.furniture if len(f.text.split()) >= 2}
    removed -= {a.source for a in articles}
    async with await open_database(tmp_path / "nashra.db") as db:
        report = await ingest(db, plan([str(folder)]), config.ingest)
        assert (report.ingested, report.rejected) == (58, [])
        worker = SummaryWorker(db, Summarizer.from_config(config.summarizer))
        try:
            while await worker.run_once(64):
                pass
        finally:
            worker.close()
        codes = [row[0] for row in await db.fetchall("SELECT DISTINCT code FROM section_regions")]
        countries = sorted(code for code in codes if "-" not in code)
        messages = await preview(db, config, countries, since=datetime(2000, 1, 1, tzinfo=UTC))
    visible = [html.unescape(_TELEGRAM_TAGS.sub("", message)) for message in messages]
    lines = [line.strip() for message in visible for line in message.splitlines() if line.strip()]
    assert len(lines) > 58
    shown = [line for line in lines if _FURNITURE_IN_DIGEST.search(line)]
    assert shown == []
    leaked = [line for line in lines if any(text in line for text in removed)]
    assert leaked == [], leaked
