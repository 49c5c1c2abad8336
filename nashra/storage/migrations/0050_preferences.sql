-- Per-subscriber preferences: keyword filters, digest format, forum topics, admin-bound region channels.

-- Plain words or phrases, stored normalized (what matching compares) and as the user wrote them.
CREATE TABLE keywords (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('include', 'exclude')),
    phrase TEXT NOT NULL,
    shown TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (chat_id, phrase)
);
CREATE INDEX keywords_chat ON keywords(chat_id);

-- Digest format: 'full' summaries or 'headlines' only; link previews; items per digest (NULL: config).
ALTER TABLE subscribers ADD COLUMN style TEXT NOT NULL DEFAULT 'full' CHECK (style IN ('full', 'headlines'));
ALTER TABLE subscribers ADD COLUMN link_previews INTEGER NOT NULL DEFAULT 0;
ALTER TABLE subscribers ADD COLUMN max_items INTEGER CHECK (max_items IS NULL OR max_items > 0);

-- A forum supergroup's topic (message thread) bound to regions: their digests and alerts go there.
CREATE TABLE topics (
    chat_id INTEGER NOT NULL REFERENCES subscribers(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    code TEXT NOT NULL,
    thread_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, code)
) WITHOUT ROWID;

-- Channels whose regions the bot admins manage (from the config file or /channel).
CREATE TABLE region_channels (
    chat_id INTEGER PRIMARY KEY REFERENCES subscribers(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    origin TEXT NOT NULL CHECK (origin IN ('config', 'command')),
    created_by INTEGER,
    created_at TEXT NOT NULL
);

-- Whether a message is sent with a link preview.
ALTER TABLE outbox ADD COLUMN link_preview INTEGER NOT NULL DEFAULT 0;
