-- An edition's messages in its own row (nashra.storage.editions), not a row each in
-- digest_edition_parts: a million-subscriber cycle stored about 565,000 part rows for its 314,005
-- editions, a B-tree insert each (docs/benchmarks.md, issue 16).
-- digest_editions.fragments: the fragment lists of its messages in order, each the space-separated
-- ids an outbox row's fragments hold, joined by ',' ("3 17 25,3 40": two messages); NULL when it has
-- no such message. digest_editions.text: the whole text of its one message when that message lists
-- no fragments (the "nothing new" notice); NULL otherwise. An edition has one or the other, or
-- neither when it has no message (parts = 0).
-- Existing editions are carried over, so no digest owed by reference is lost: each part listing
-- fragments joins the list in part order; a part without fragments gives its text (such an edition
-- has no other part: a cycle stores either the notice alone or fragment messages).
ALTER TABLE digest_editions ADD COLUMN text TEXT;
ALTER TABLE digest_editions ADD COLUMN fragments TEXT;
UPDATE digest_editions SET
    text = (
        SELECT p.text FROM digest_edition_parts p
        WHERE p.edition = digest_editions.id AND p.fragments IS NULL ORDER BY p.part LIMIT 1
    ),
    fragments = (
        SELECT group_concat(listed, ',') FROM (
            SELECT p.fragments AS listed FROM digest_edition_parts p
            WHERE p.edition = digest_editions.id AND p.fragments IS NOT NULL ORDER BY p.part
        )
    );
DROP TABLE digest_edition_parts;
