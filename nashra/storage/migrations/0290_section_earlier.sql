-- sections.earlier: where and when an earlier version of the section's story may have reached a
-- chat, as a JSON object {region code: stamp}: for each region an earlier version's section was
-- tagged with, the oldest changed_at among them. NULL when no digest run that owed someone committed
-- after the story was first stored (nobody can have been sent it). A digest marks a revised item as
-- updated only to a chat that followed one of these regions since before that stamp and whose window
-- has passed it (nashra.digest.compose, "seen"); to any other chat the item is new.
-- sections.revised now says what changed for a chat that saw the earlier version: 1 the text or the
-- headline it is shown with (re-sent, marked), 0 only its regions (new to the regions it gained,
-- nothing new to a chat that saw it). Sections revised before this migration have no earlier and
-- are marked to nobody.
ALTER TABLE sections ADD COLUMN earlier TEXT;
-- sections.before: what a digest showed of the stored section a revised one replaced, as JSON
-- {"hash", "heading", "text", "headline"}: a chat sent it gets the revision only when its summary or
-- headline differs (a typo fixed in a sentence the summary does not use shows nothing new). NULL when
-- the revision replaced no one section (a new section, a paragraph dropped: the lead sent again).
ALTER TABLE sections ADD COLUMN before TEXT;
