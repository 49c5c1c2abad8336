-- Alert ids are never used twice (AUTOINCREMENT). An alert's id is the key of its outbox rows (slot
-- "alert:<id>") and of its report (their counts, and the pruned_* counts). Without it SQLite gives a new
-- alert the largest id + 1, so after the newest alert was deleted by hand (Nashra deletes none) the next
-- alert got that id again: to every chat still holding a row of the old one (pending, or settled and not
-- yet pruned) the new alert was never owed (INSERT OR IGNORE on the same key), and its report counted
-- the old alert's messages. The table is rebuilt as it was, with its rows and ids; the first new id
-- follows the largest one an alert row or an outbox slot names.
CREATE TABLE alerts_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regions TEXT NOT NULL,
    text TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    pruned_sent INTEGER NOT NULL DEFAULT 0,
    pruned_blocked INTEGER NOT NULL DEFAULT 0,
    pruned_failed INTEGER NOT NULL DEFAULT 0
);
INSERT INTO alerts_new (id, regions, text, created_by, created_at, pruned_sent, pruned_blocked, pruned_failed)
SELECT id, regions, text, created_by, created_at, pruned_sent, pruned_blocked, pruned_failed FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
DELETE FROM sqlite_sequence WHERE name IN ('alerts', 'alerts_new');
INSERT INTO sqlite_sequence (name, seq)
SELECT 'alerts', MAX(
    COALESCE((SELECT MAX(id) FROM alerts), 0),
    COALESCE((SELECT MAX(CAST(substr(slot, 7) AS INTEGER)) FROM outbox
              WHERE kind IN ('alert', 'broadcast') AND slot GLOB 'alert:[0-9]*' AND length(slot) <= 24), 0)
);
