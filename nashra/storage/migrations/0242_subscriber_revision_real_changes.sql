-- subscribers.revision counts changes, not writes: an update that writes the value a column already
-- holds (/lang ar in an Arabic chat, a /format repeating the format, a keyword added again with the same
-- mode, a topic bound again to the same thread, the codes a chat migration's cascade writes again) left
-- the digest's state as it was, yet bumped the revision, so a digest composed for the chat meanwhile
-- was not owed and was composed once more (migration 0240). The update triggers now fire only when a
-- column the digest is composed from changes. IS NOT compares NULLs as values (max_items NULL is "the
-- configured cap"). Inserts and deletes are always changes and keep their triggers.
DROP TRIGGER subscriber_revision_row;

CREATE TRIGGER subscriber_revision_row AFTER UPDATE OF codes, language, style, max_items, link_previews
    ON subscribers
    WHEN OLD.codes IS NOT NEW.codes OR OLD.language IS NOT NEW.language OR OLD.style IS NOT NEW.style
        OR OLD.max_items IS NOT NEW.max_items OR OLD.link_previews IS NOT NEW.link_previews
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = NEW.chat_id;
END;

-- keywords.shown is how the phrase is shown back to the chat; digests filter by phrase and mode.
DROP TRIGGER subscriber_revision_keyword_changed;

CREATE TRIGGER subscriber_revision_keyword_changed AFTER UPDATE ON keywords
    WHEN OLD.chat_id IS NOT NEW.chat_id OR OLD.mode IS NOT NEW.mode OR OLD.phrase IS NOT NEW.phrase
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;

DROP TRIGGER subscriber_revision_topic_changed;

CREATE TRIGGER subscriber_revision_topic_changed AFTER UPDATE ON topics
    WHEN OLD.chat_id IS NOT NEW.chat_id OR OLD.code IS NOT NEW.code OR OLD.thread_id IS NOT NEW.thread_id
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;
