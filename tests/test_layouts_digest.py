"""Articles in the layouts of crawled news (tests/data/layouts: WordPress, Drupal and news-site pages,
wire copy, interviews, embeds) through ingest, extractive summaries and compose: no digest line shows
their furniture or markup."""

from __future__ import annotations

import html
import re
import shutil
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

LAYOUTS = Path(__file__).parent / "data" / "layouts"
# The composer's own Telegram formatting; what is left is what the subscriber reads.
_TELEGRAM_TAGS = re.compile(r"</?(?:b|i|u|s|a|code|pre|blockquote|tg-spoiler)(?:\s[^>]*)?>")
# Markup, embeds, credits, captions and end-marks these layouts carry.
_FURNITURE = re.compile(
    r"<[a-z!/]|&[a-z]+;|&#\d+;|wp:|pic\.twitter\.com|https?://|www\.|\(@\w+\)|list of|end of list"
    r"|اقرأ أيضا|مواضيع ذات صلة|شارك (?:الخبر|هذا)|تابعونا|الوسوم|كلمات مفتاحية"
    r"|المصدر\s*:|تحرير\s*:|ترجمة\s*:|صورة\s*:|الصورة\s*:|تصوير\s*:"
    r"|\(أ ف ب\)|- رويترز|\(رويترز\)|تغطية صحفية|نشر في"
)


async def test_no_digest_line_shows_layout_furniture(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in LAYOUTS.iterdir():
        if path.suffix in (".txt", ".html"):
            shutil.copy(path, folder / path.name)
    read = [a for p in sorted(folder.iterdir()) for a in read_article_file(p, 10_000_000)]
    articles = [a for a in read if isinstance(a, Article)]
    # Removed lines of two words or more; an outlet's bare name is what the digest credits, so it may show.
    removed = {f.text for a in articles for f in a.furniture if len(f.text.split()) >= 2}
    removed -= {a.source for a in articles}
    config = Config()
    async with await open_database(tmp_path / "nashra.db") as db:
        report = await ingest(db, plan([str(folder)]), config.ingest)
        assert (report.ingested, report.rejected) == (len(articles), [])
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
    assert len(lines) > len(articles)
    assert [(line, _FURNITURE.findall(line)) for line in lines if _FURNITURE.search(line)] == []
    assert [line for line in lines if any(text in line for text in removed)] == []
