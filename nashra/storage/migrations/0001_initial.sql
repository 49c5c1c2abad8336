-- Articles and their analysis.
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_fetched_at TEXT,
    last_status TEXT
) WITHOUT ROWID;

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    url TEXT UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    author TEXT,
    published_at TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    region_hints TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX articles_published ON articles(published_at);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading TEXT,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    UNIQUE (article_id, position)
);
CREATE INDEX sections_text_hash ON sections(text_hash);

CREATE TABLE section_regions (
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (section_id, code)
) WITHOUT ROWID;
CREATE INDEX section_regions_code ON section_regions(code, section_id);

-- Summaries are keyed by what produced them and by the normalized section text, so a section is
-- summarized once whatever the number of subscribers, and again only when text or settings change.
CREATE TABLE summaries (
    text_hash TEXT NOT NULL,
    model_key TEXT NOT NULL,
    summary TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('seq2seq', 'extractive')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (text_hash, model_key)
) WITHOUT ROWID;

-- People, groups and channels that receive digests.
CREATE TABLE subscribers (
    chat_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('private', 'group', 'supergroup', 'channel')),
    language TEXT NOT NULL DEFAULT 'ar',
    timezone TEXT,
    digest_time TEXT,
    paused INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0,
    last_digest_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE subscriptions (
    chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, code)
) WITHOUT ROWID;
CREATE INDEX subscriptions_code ON subscriptions(code, chat_id);

-- Every message the bot owes somebody, so a restart resumes a fan-out instead of repeating it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'alert', 'broadcast')),
    slot TEXT NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    thread_id INTEGER,
    text TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'blocked', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT,
    last_error TEXT,
    message_id INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (chat_id, kind, slot, part)
);
CREATE INDEX outbox_pending ON outbox(priority DESC, id) WHERE state = 'pending';

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    regions TEXT NOT NULL,
    text TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL
);

CREATE TABLE digest_runs (
    slot TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    subscribers INTEGER NOT NULL DEFAULT 0,
    messages INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
