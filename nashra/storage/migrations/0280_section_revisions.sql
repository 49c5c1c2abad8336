-- sections.changed_at: when the section's text (normalized heading and text, its text_hash) was last
-- stored new: the first time its article was stored, or the update that brought this text. Digest
-- windows select sections by it (nashra.storage.digests.recent_sections), so a story whose text
-- changes after a digest carried it comes again in the next one, and an update that keeps every
-- section's text (a new headline, furniture, a crawl date) owes nothing again.
-- sections.revised: 1 when that text replaced an earlier version a digest window had already
-- covered (someone may have been sent it): the digest marks the item as updated.
-- Earlier sections take their article's ingested_at; none is marked.
ALTER TABLE sections ADD COLUMN changed_at TEXT;
ALTER TABLE sections ADD COLUMN revised INTEGER NOT NULL DEFAULT 0;
UPDATE sections SET changed_at = (SELECT a.ingested_at FROM articles a WHERE a.id = sections.article_id);
CREATE INDEX sections_changed ON sections(changed_at);
-- A section inserted without its stamp (by hand, an older tool) takes its article's ingested_at.
CREATE TRIGGER sections_changed_default AFTER INSERT ON sections
WHEN NEW.changed_at IS NULL
BEGIN
    UPDATE sections SET changed_at = (SELECT a.ingested_at FROM articles a WHERE a.id = NEW.article_id)
    WHERE id = NEW.id;
END;
