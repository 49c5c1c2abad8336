-- A feed entry is one story across edits of its link and text: its identity is its site and its
-- <guid> / Atom <id> (see nashra/articles/feeds.py). Articles from other inputs have none.
ALTER TABLE articles ADD COLUMN guid TEXT;
CREATE UNIQUE INDEX articles_guid ON articles(guid) WHERE guid IS NOT NULL;
