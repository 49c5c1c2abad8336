-- subscribers.previous_digest_at: where the chat's last digest window started (the last_digest_at
-- before its window last moved; NULL for a first digest, whose window started
-- delivery.first_digest_hours before its end). With last_digest_at it names the window of the chat's
-- last digest, whose stories the item cap left out /more sends (nashra.digest.more). Set in the
-- statement that moves the window (nashra.storage.digests.commit_slot, Editions.commit).
-- Windows moved before this migration are not known: they are taken as empty (nothing left to send)
-- rather than as first windows, which could hold stories sent in an earlier digest.
ALTER TABLE subscribers ADD COLUMN previous_digest_at TEXT;
UPDATE subscribers SET previous_digest_at = last_digest_at WHERE last_digest_at IS NOT NULL;
-- How many of the stories the cap left out of the chat's digest ending at window_end /more has sent:
-- pressing again sends the next ones. A row for an older window counts nothing for the last one.
CREATE TABLE digest_more (
    chat_id INTEGER PRIMARY KEY REFERENCES subscribers(chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
    window_end TEXT NOT NULL,
    shown INTEGER NOT NULL
);
