-- A scheduled cycle owes its plain subscribers' digests by reference (nashra.storage.editions): each
-- edition's messages are stored once, and a subscriber row names the edition it is owed in
-- owed_edition until the sender turns it into outbox rows (nashra.storage.outbox.materialize_owed).
-- digest_editions: one edition of one cycle; slot is the window key of its rows (window_key), created_at
-- the time its rows are owed at, parts how many messages it has, empty whether the digest had no news.
-- AUTOINCREMENT: an id names one edition forever, even after the prune deleted it.
-- digest_edition_parts: its messages, as outbox rows hold them (text, or the ids of its fragments).
-- subscribers_owed: the subscribers still owed an edition, in chat id order (the sender takes them a
-- batch at a time, and counts them to know whether it is idle); partial, so it holds only those. Kept
-- up by a million-subscriber cycle's UPDATE for about 0.2 s of its CPU (the cycle's commit statements
-- alone on the benchmark's seeded database: 9.6 s with it, 9.6 s without), where each reading without
-- it walks every subscriber row (0.1 s at a million).
CREATE TABLE digest_editions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slot TEXT NOT NULL,
    created_at TEXT NOT NULL,
    parts INTEGER NOT NULL,
    empty INTEGER NOT NULL
);
CREATE TABLE digest_edition_parts (
    edition INTEGER NOT NULL,
    part INTEGER NOT NULL,
    text TEXT NOT NULL,
    fragments TEXT,
    PRIMARY KEY (edition, part)
) WITHOUT ROWID;
ALTER TABLE subscribers ADD COLUMN owed_edition INTEGER;
CREATE INDEX subscribers_owed ON subscribers(chat_id, owed_edition) WHERE owed_edition IS NOT NULL;
