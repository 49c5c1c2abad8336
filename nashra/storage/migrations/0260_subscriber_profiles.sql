-- subscribers.profile: the id of the subscriber's *profile*, the part of a plain subscriber's edition
-- key that is not its window: its codes, language, style and item cap (NULL, "the configured cap",
-- is stored as 0). A digest cycle keys its editions by (profile, window start) and finds each
-- subscriber's edition by comparing one integer and one short string instead of four strings and an
-- integer (nashra/storage/editions.py). NULL exactly when the subscriber has no codes (no region: no
-- digest). These triggers are the column's and the table's one owner: no program writes them.
-- profiles.id is AUTOINCREMENT: an id is never given to another combination, even after its profile
-- is pruned (nashra.storage.profiles.prune_profiles), so an edition keyed by an id that a cycle holds
-- can never match a subscriber holding another combination under the same number.
CREATE TABLE profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    codes TEXT NOT NULL,
    language TEXT NOT NULL,
    style TEXT NOT NULL,
    max_items INTEGER NOT NULL,
    UNIQUE (codes, language, style, max_items)
);

ALTER TABLE subscribers ADD COLUMN profile INTEGER;

INSERT INTO profiles (codes, language, style, max_items)
SELECT DISTINCT codes, language, style, COALESCE(max_items, 0) FROM subscribers WHERE codes IS NOT NULL;

UPDATE subscribers SET profile = (
    SELECT p.id FROM profiles p
    WHERE p.codes = subscribers.codes AND p.language = subscribers.language
        AND p.style = subscribers.style AND p.max_items = COALESCE(subscribers.max_items, 0)
)
WHERE codes IS NOT NULL;

-- Both triggers read the row as it is when they run, not NEW: a statement that writes the row several
-- times (a chat migration's cascade rewrites codes once per subscription) leaves the profile of its
-- last write. A profile is added only where none is (NOT EXISTS), never by INSERT OR IGNORE: a
-- trigger fired under a foreign key's cascade takes the cascade's conflict policy (abort), not its
-- own. A new row normally has no codes yet (they come with its subscriptions, through the codes
-- triggers of migration 0170 and the update trigger below).
CREATE TRIGGER subscriber_profile_inserted AFTER INSERT ON subscribers
    WHEN NEW.codes IS NOT NULL OR NEW.profile IS NOT NULL
BEGIN
    INSERT INTO profiles (codes, language, style, max_items)
        SELECT s.codes, s.language, s.style, COALESCE(s.max_items, 0) FROM subscribers s
        WHERE s.chat_id = NEW.chat_id AND s.codes IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM profiles p
            WHERE p.codes = s.codes AND p.language = s.language AND p.style = s.style
                AND p.max_items = COALESCE(s.max_items, 0)
        );
    UPDATE subscribers SET profile = (
        SELECT p.id FROM profiles p
        WHERE p.codes = subscribers.codes AND p.language = subscribers.language
            AND p.style = subscribers.style AND p.max_items = COALESCE(subscribers.max_items, 0)
    )
    WHERE chat_id = NEW.chat_id;
END;

-- Also fired by the codes triggers of migration 0170 (a subscription added, removed or moved). IS NOT
-- compares NULLs as values: an update writing what the row held already changes no profile.
CREATE TRIGGER subscriber_profile_changed AFTER UPDATE OF codes, language, style, max_items, profile
    ON subscribers
    WHEN OLD.codes IS NOT NEW.codes OR OLD.language IS NOT NEW.language OR OLD.style IS NOT NEW.style
        OR OLD.max_items IS NOT NEW.max_items OR OLD.profile IS NOT NEW.profile
BEGIN
    INSERT INTO profiles (codes, language, style, max_items)
        SELECT s.codes, s.language, s.style, COALESCE(s.max_items, 0) FROM subscribers s
        WHERE s.chat_id = NEW.chat_id AND s.codes IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM profiles p
            WHERE p.codes = s.codes AND p.language = s.language AND p.style = s.style
                AND p.max_items = COALESCE(s.max_items, 0)
        );
    UPDATE subscribers SET profile = (
        SELECT p.id FROM profiles p
        WHERE p.codes = subscribers.codes AND p.language = subscribers.language
            AND p.style = subscribers.style AND p.max_items = COALESCE(subscribers.max_items, 0)
    )
    WHERE chat_id = NEW.chat_id;
END;
