-- Outbox ids are never used twice (AUTOINCREMENT). Without it SQLite gives a new row the largest id + 1,
-- so after the newest pending row was deleted (a chat that said /stop, a channel unbound) the next row
-- owed got that same id again: the sender, which reads pending rows after the last id it loaded, never
-- saw it, and an outcome of the deleted row could be written to it. The table is rebuilt as it was,
-- with its rows, ids and indexes.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
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
    fragments TEXT,
    link_preview INTEGER NOT NULL DEFAULT 0,
    sent_offset INTEGER NOT NULL DEFAULT 0,
    UNIQUE (chat_id, kind, slot, part)
);
INSERT INTO outbox_new (id, chat_id, kind, slot, part, thread_id, text, priority, state, attempts, not_before,
    last_error, message_id, created_at, updated_at, fragments, link_preview, sent_offset)
SELECT id, chat_id, kind, slot, part, thread_id, text, priority, state, attempts, not_before, last_error,
    message_id, created_at, updated_at, fragments, link_preview, sent_offset
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(priority DESC, id) WHERE state = 'pending';
CREATE INDEX outbox_slot_state ON outbox(kind, slot, state);
CREATE INDEX outbox_chat_pending ON outbox(chat_id) WHERE state = 'pending';
