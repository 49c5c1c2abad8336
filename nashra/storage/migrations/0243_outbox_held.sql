-- outbox.state 'held': a digest message owed to a chat that then paused (/pause) waits, unsent, until
-- the chat resumes; /resume owes it again as a pending row with a new id, so the sender, which reads
-- pending rows after the last id it loaded, finds it (nashra.storage.subscribers.SubscriberStore.
-- set_paused). Held is not pending: the sender drops a held row it loaded before its send, as it drops
-- a row /stop withdrew, and a run waiting for its rows to be sent does not wait for it; nor is it
-- settled: no prune deletes it or the fragments it lists. The table is rebuilt as it was (rows, ids,
-- indexes) with the new state allowed; its id sequence is kept, so no id is ever given twice.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'alert', 'broadcast')),
    slot TEXT NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    thread_id INTEGER,
    text TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'blocked', 'failed', 'held')),
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
-- Renaming the table renames its sequence row too.
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'outbox_new', MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0),
    COALESCE((SELECT MAX(id) FROM outbox), 0));
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(priority DESC, id) WHERE state = 'pending';
CREATE INDEX outbox_notice_slot ON outbox(slot, state) WHERE kind <> 'digest';
-- The held rows of a chat (/resume) and all of them (the prune keeps their fragments): few at any time,
-- so a small index, instead of reading the table.
CREATE INDEX outbox_held ON outbox(chat_id) WHERE state = 'held';
