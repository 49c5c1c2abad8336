-- Digest fragments: a title, region header or item rendered once per cycle and stored once (by its
-- hash); a digest message in the outbox lists its fragments instead of repeating their text.
CREATE TABLE digest_fragments (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    html TEXT NOT NULL
);
-- Space-separated digest_fragments ids making up the message; NULL when `text` holds it whole.
ALTER TABLE outbox ADD COLUMN fragments TEXT;
