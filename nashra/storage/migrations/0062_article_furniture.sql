-- What an article's page said besides the news: the place it was filed from (its dateline) and the
-- furniture removed from its body (bylines, captions, tweets, ...), as a JSON list of {"kind", "text"}.
ALTER TABLE articles ADD COLUMN dateline TEXT;
ALTER TABLE articles ADD COLUMN furniture TEXT NOT NULL DEFAULT '[]';
