"""The ingest pipeline: inputs (files, folders, zips, standard input, feed URLs, planned by
:func:`nashra.articles.inputs.plan`) -> parsed -> analysed -> stored.

Parsing and analysis are CPU work and run in a worker thread, so the bot's event loop stays responsive
when ingestion runs on its schedule. Each article is stored in its own transaction: an interrupted run
leaves complete articles only, and running it again stores the rest (what is stored is unchanged). A
file's articles are analysed and stored a chunk at a time, so a file of thousands of records is stored
as it goes and an interruption (Ctrl-C) loses one chunk's analysis at most (reading the file itself,
a second or two for ten megabytes, runs to its end).

One bad input is one rejected line naming it, whatever went wrong: a fault no check foresaw while
reading a file, fetching a feed or storing one of its articles rejects that input (or record, or entry)
alone and the run goes on (:func:`nashra.articles.errors.unexpected`). Only a fault of the database
itself (:class:`nashra.storage.StorageError`) ends the run, as every later write would meet it too.
Every line is masked like the logs (:func:`nashra.logs.mask`), so a feed URL's password never shows,
and kept to one line (:func:`nashra.logs.one_line`), whatever a file's name holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx

from nashra.articles.admission import admit_all
from nashra.articles.analysis import analyze
from nashra.articles.errors import ArticleError, Term, kept_stored, unexpected
from nashra.articles.feeds import FeedFetch, fetch_feed, http_client, parse_feed
from nashra.articles.inputs import Input, StreamInput, read_input
from nashra.articles.limits import Limits
from nashra.articles.links import link_problem_code
from nashra.articles.outlets import Outlets
from nashra.articles.zipfiles import ZipMember
from nashra.config import IngestConfig
from nashra.logs import mask, one_line
from nashra.model import Article
from nashra.storage.articles import ArticleStore, SaveOutcome
from nashra.storage.db import Database, StorageError

log = logging.getLogger(__name__)

# Article pages of a teaser feed fetched at once (each under the feed's size and time limits).
_PAGE_FETCHES = 4

# Articles of one file analysed per worker-thread call (about 2 ms each), stored before the next chunk.
_ANALYSIS_CHUNK = 64


@dataclass(slots=True)
class IngestReport:
    """Counts of one run; ``rejected`` holds one English line per rejected input or record (masked),
    ``errors`` the same rejections as errors, for a reader that words them in its own language
    (:func:`nashra.articles.errors.describe`)."""

    ingested: int = 0
    unchanged: int = 0
    updated: int = 0
    not_modified_feeds: int = 0
    rejected: list[str] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)

    def counts(self) -> dict[str, int | list[str]]:
        """The report as ``--json`` prints it: the counts and the English rejection lines."""
        return {
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "not_modified_feeds": self.not_modified_feeds,
            "rejected": list(self.rejected),
        }

    def summary(self) -> str:
        return (
            f"ingested {self.ingested}, unchanged {self.unchanged}, updated {self.updated}, "
            f"rejected {len(self.rejected)}"
        )


def _analyze_all(items: Sequence[Article | ArticleError]) -> list[Article | ArticleError]:
    """Each article analysed (errors passed through); one that fails unexpectedly is rejected alone."""
    done: list[Article | ArticleError] = []
    for item in items:
        try:
            done.append(item if isinstance(item, ArticleError) else analyze(item))
        except Exception as exc:  # a fault no check foresaw costs this article only
            done.append(unexpected(item.origin, exc))
    return done


def _read_and_admit(
    source: Path | ZipMember | StreamInput, config: IngestConfig
) -> list[Article | ArticleError]:
    limits = Limits.of(config)
    parsed = read_input(source, config.max_bytes, limits)
    return admit_all(parsed, datetime.now(UTC), limits, Outlets.of(config))


def _parse_and_analyze(
    fetched: FeedFetch, fetched_at: datetime, limits: Limits, outlets: Outlets, feed: str
) -> list[Article | ArticleError]:
    assert fetched.body is not None
    parsed = parse_feed(fetched.body, fetched.url, charset=fetched.charset, limits=limits)
    return _analyze_all(admit_all(parsed, fetched_at, limits, outlets, feed))


async def ingest(
    db: Database,
    inputs: Iterable[Input],
    config: IngestConfig,
    *,
    on_reject: Callable[[str], None] | None = None,
    on_input_done: Callable[[], None] | None = None,
    client: httpx.AsyncClient | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Ingest every input, rejecting bad ones one by one; never stops at the first bad input.

    Counts go into ``report`` (a new one when None) as each article is stored, so a caller that passes
    its own still knows what was stored when the run is cancelled (Ctrl-C) half-way.
    Raises :class:`nashra.storage.StorageError` only, when the database itself fails (see the module's
    description); every other fault is one rejected line naming its input, masked (:func:`mask`).
    """
    store = ArticleStore(db)
    report = IngestReport() if report is None else report
    own_client = client is None
    http = client or http_client(config)

    def reject(error: ArticleError) -> None:
        line = one_line(mask(str(error)))
        report.rejected.append(line)
        report.errors.append(error)
        if on_reject:
            on_reject(line)

    try:
        for item in inputs:
            try:
                if isinstance(item, ArticleError):
                    reject(item)
                elif isinstance(item, Path | ZipMember | StreamInput):
                    await _ingest_file(store, item, config, report, reject)
                else:
                    await _ingest_feed(store, http, item, config, report, reject)
            except StorageError:
                raise
            except Exception as exc:  # a fault no check foresaw costs this input only
                reject(unexpected(str(item), exc))
            if on_input_done:
                on_input_done()
    finally:
        if own_client:
            await http.aclose()
    return report


async def _ingest_file(
    store: ArticleStore,
    path: Path | ZipMember | StreamInput,
    config: IngestConfig,
    report: IngestReport,
    reject: Callable[[ArticleError], None],
) -> None:
    """Read and admit a file's articles, then analyse and store them oldest first, a chunk at a time."""
    admitted = await asyncio.to_thread(_read_and_admit, path, config)
    ordered = _oldest_first(admitted, reject)
    for start in range(0, len(ordered), _ANALYSIS_CHUNK):
        analysed = await asyncio.to_thread(_analyze_all, ordered[start : start + _ANALYSIS_CHUNK])
        await _store_in_order(store, analysed, report, reject)


async def _ingest_feed(
    store: ArticleStore,
    client: httpx.AsyncClient,
    url: str,
    config: IngestConfig,
    report: IngestReport,
    reject: Callable[[ArticleError], None],
) -> None:
    problem = link_problem_code(url)
    if problem is not None:
        reject(ArticleError.because(url, "bad_address", problem=Term(f"link_{problem}")))
        return
    limits = Limits.of(config)
    state = await store.feed_state(url)
    try:
        fetched = await fetch_feed(
            client,
            url,
            max_bytes=config.max_bytes,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
        )
    except ArticleError as exc:
        await store.save_feed_state(url, etag=None, last_modified=None, status=mask(f"error: {exc}"))
        reject(exc)
        return
    if fetched.body is None:
        report.not_modified_feeds += 1
        await store.save_feed_state(url, etag=fetched.etag, last_modified=fetched.last_modified, status="304")
        return
    if url in config.full_page_feeds:
        assert fetched.body is not None
        entries = await asyncio.to_thread(
            parse_feed, fetched.body, fetched.url, charset=fetched.charset, limits=limits
        )
        pages, stored = await _full_pages(store, client, entries, config)
        report.unchanged += stored
        fetched_at, outlets = datetime.now(UTC), Outlets.of(config)
        parsed = await asyncio.to_thread(
            lambda: _analyze_all(admit_all(pages, fetched_at, limits, outlets, url))
        )
    else:
        parsed = await asyncio.to_thread(
            _parse_and_analyze, fetched, datetime.now(UTC), limits, Outlets.of(config), url
        )
    await _store_all(store, parsed, report, reject)
    # Validators are saved only after the entries are stored, so a crash means a full refetch, not a loss.
    failed = len(parsed) == 1 and isinstance(parsed[0], ArticleError)
    await store.save_feed_state(
        url,
        etag=None if failed else fetched.etag,
        last_modified=None if failed else fetched.last_modified,
        status=mask(f"error: {parsed[0]}") if failed else str(fetched.status),
    )


async def _full_pages(
    store: ArticleStore,
    client: httpx.AsyncClient,
    entries: list[Article | ArticleError],
    config: IngestConfig,
) -> tuple[list[Article | ArticleError], int]:
    """The entries of a teaser feed with each new entry's text read from the page it links to, and how
    many entries were left out because their story is stored already.

    Pages are fetched through the feed fetch (same client, size cap and time limits), a few at a time.
    An entry already stored is left out (counted unchanged): its stored text was read from its page,
    and the feed's teaser is no correction of it (stored, it replaced the page's text with the teaser's
    few lines). A page that cannot be fetched or read leaves the teaser in place, with a warning naming
    the link.
    """
    limit = asyncio.Semaphore(_PAGE_FETCHES)

    # Imported here: the page reader brings trafilatura and lxml (about 40 MB), which only a teaser
    # feed needs; `nashra run` and plain feeds stay without them.
    from nashra.articles.htmlpage import parse_html_page

    async def full(entry: Article | ArticleError) -> Article | ArticleError | None:
        if isinstance(entry, ArticleError) or not entry.url:
            return entry
        if await store.article_id_by_url(entry.url):
            return None
        try:
            async with limit:
                fetched = await fetch_feed(client, entry.url, max_bytes=config.max_bytes, page=True)
            if fetched.body is None:
                return entry
            page = await asyncio.to_thread(
                parse_html_page, fetched.body, entry.url, url=entry.url, limits=Limits.of(config)
            )
        except ArticleError as exc:
            log.warning("keeping the feed's teaser: %s", exc)
            return entry
        except Exception as exc:  # a page no check foresaw costs its entry the full text only
            log.warning("keeping the feed's teaser: %s", unexpected(entry.url, exc))
            return entry
        return dataclasses.replace(
            page,
            title=entry.title,
            source=entry.source or page.source,
            author=entry.author or page.author,
            published_at=entry.published_at or page.published_at,
            url=entry.url,
            origin=entry.origin,
            guid=entry.guid,
        )

    read = await asyncio.gather(*(full(entry) for entry in entries))
    return [entry for entry in read if entry is not None], sum(entry is None for entry in read)


async def _store_all(
    store: ArticleStore,
    parsed: list[Article | ArticleError],
    report: IngestReport,
    reject: Callable[[ArticleError], None],
) -> None:
    """Report the errors in input order, then store the articles oldest first.

    Stories are stored in the order they happened, so "stored later" means "newer" among stories of
    one date: a feed lists its newest entry first, so among equal dates (undated entries, dates clamped
    to the fetch) the one listed first is stored last.
    """
    await _store_in_order(store, _oldest_first(parsed, reject), report, reject)


def _oldest_first(
    parsed: list[Article | ArticleError], reject: Callable[[ArticleError], None]
) -> list[Article]:
    """The articles of ``parsed`` in the order :func:`_store_all` stores them; its errors are rejected,
    in input order."""
    articles: list[tuple[int, Article]] = []
    for index, item in enumerate(parsed):
        if isinstance(item, ArticleError):
            reject(item)
        else:
            articles.append((index, item))
    latest = datetime.max.replace(tzinfo=UTC)
    articles.sort(key=lambda pair: (pair[1].published_at or latest, -pair[0]))
    return [item for _, item in articles]


async def _store_in_order(
    store: ArticleStore,
    items: Sequence[Article | ArticleError],
    report: IngestReport,
    reject: Callable[[ArticleError], None],
) -> None:
    """Store each article of ``items`` in its own transaction, counting the outcomes; an error among
    them (an analysis that failed) is rejected in its place."""
    for item in items:
        if isinstance(item, ArticleError):
            reject(item)
            continue
        save = asyncio.ensure_future(store.save(item))
        try:
            outcome = await asyncio.shield(save)
        except StorageError:
            raise
        except asyncio.CancelledError:
            # Cancelled (Ctrl-C) while saving: the save finishes (a COMMIT already sent would land
            # anyway) and is counted, so the report says exactly what is stored; then the run stops.
            with contextlib.suppress(Exception):
                _count(report, await save, item, reject)
            raise
        except Exception as exc:  # a fault no check foresaw costs this article only (its write rolled back)
            reject(unexpected(item.origin, exc))
            continue
        _count(report, outcome, item, reject)


def _count(
    report: IngestReport, outcome: SaveOutcome, item: Article, reject: Callable[[ArticleError], None]
) -> None:
    """Count ``outcome``; a damaged copy the store kept out is rejected, naming the article and why."""
    if outcome.damage is not None:
        reject(kept_stored(item.origin, outcome.damage))
    elif outcome.status == "ingested":
        report.ingested += 1
    elif outcome.status == "updated":
        report.updated += 1
    else:
        report.unchanged += 1
