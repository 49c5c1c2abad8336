-- A message Telegram refused as too long is sent in pieces; this is how much of its text (an offset into
-- the HTML) already went out, so a restart resumes with the next piece instead of repeating or dropping.
ALTER TABLE outbox ADD COLUMN sent_offset INTEGER NOT NULL DEFAULT 0;
