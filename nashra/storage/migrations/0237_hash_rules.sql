-- hash_rules: which version of the rules sections.text_hash and articles.content_hash were computed by
-- (nashra.storage.hashes.HASH_RULES). A Nashra whose rules are newer computes the stored hashes again
-- when it opens the database, so an article ingested again is still found as the one stored, and a
-- section's summaries follow its text. Databases of before this table were hashed by
-- version 1: what normalize() folded before vowel marks of Arabic Extended-A, the Arabic letter mark,
-- the word joiner and the combining grapheme joiner were folded too.
CREATE TABLE hash_rules (version INTEGER NOT NULL);

INSERT INTO hash_rules (version) VALUES (1);
