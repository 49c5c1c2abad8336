-- The summarizer's backlog as a table kept up to date by triggers, so finding the sections still to
-- summarize is a lookup by model key, not a scan of every section on each batch and each poll.
-- summary_backlog holds, for each tracked model key, every section text (by hash) that some section
-- has and no summary under that key covers. A key is tracked from the first time the summarizer asks
-- about it (nashra/storage/summaries.py fills its backlog then, in one scan).
CREATE TABLE summary_backlog_keys (
    model_key TEXT PRIMARY KEY,
    tracked_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE summary_backlog (
    model_key TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    PRIMARY KEY (model_key, text_hash)
) WITHOUT ROWID;

CREATE TRIGGER summary_backlog_section_added AFTER INSERT ON sections
BEGIN
    INSERT OR IGNORE INTO summary_backlog (model_key, text_hash)
    SELECT k.model_key, NEW.text_hash FROM summary_backlog_keys k
    WHERE NOT EXISTS
        (SELECT 1 FROM summaries m WHERE m.text_hash = NEW.text_hash AND m.model_key = k.model_key);
END;

CREATE TRIGGER summary_backlog_section_removed AFTER DELETE ON sections
WHEN NOT EXISTS (SELECT 1 FROM sections s WHERE s.text_hash = OLD.text_hash)
BEGIN
    DELETE FROM summary_backlog
    WHERE model_key IN (SELECT model_key FROM summary_backlog_keys) AND text_hash = OLD.text_hash;
END;

CREATE TRIGGER summary_backlog_section_changed AFTER UPDATE OF text_hash ON sections
BEGIN
    DELETE FROM summary_backlog
    WHERE model_key IN (SELECT model_key FROM summary_backlog_keys) AND text_hash = OLD.text_hash
        AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.text_hash = OLD.text_hash);
    INSERT OR IGNORE INTO summary_backlog (model_key, text_hash)
    SELECT k.model_key, NEW.text_hash FROM summary_backlog_keys k
    WHERE NOT EXISTS
        (SELECT 1 FROM summaries m WHERE m.text_hash = NEW.text_hash AND m.model_key = k.model_key);
END;

CREATE TRIGGER summary_backlog_summarized AFTER INSERT ON summaries
BEGIN
    DELETE FROM summary_backlog WHERE model_key = NEW.model_key AND text_hash = NEW.text_hash;
END;

CREATE TRIGGER summary_backlog_summary_removed AFTER DELETE ON summaries
BEGIN
    INSERT OR IGNORE INTO summary_backlog (model_key, text_hash)
    SELECT k.model_key, OLD.text_hash FROM summary_backlog_keys k
    WHERE k.model_key = OLD.model_key
        AND EXISTS (SELECT 1 FROM sections s WHERE s.text_hash = OLD.text_hash);
END;

CREATE TRIGGER summary_backlog_summary_rekeyed AFTER UPDATE OF text_hash, model_key ON summaries
BEGIN
    INSERT OR IGNORE INTO summary_backlog (model_key, text_hash)
    SELECT k.model_key, OLD.text_hash FROM summary_backlog_keys k
    WHERE k.model_key = OLD.model_key
        AND EXISTS (SELECT 1 FROM sections s WHERE s.text_hash = OLD.text_hash);
    DELETE FROM summary_backlog WHERE model_key = NEW.model_key AND text_hash = NEW.text_hash;
END;
