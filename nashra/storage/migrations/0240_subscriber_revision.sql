-- subscribers.revision: counts the changes to what a subscriber's digest is composed from, other than
-- its window: its regions (codes), language, format (style, max_items, link_previews), keyword filters
-- and forum topics. A digest composed for one subscriber alone (keyword filters, topics, /digest) is
-- owed only if the revision it was composed at is still the row's (nashra.storage.digests.commit_slot),
-- so a change made while the cycle composed it is never answered with the digest of the state before;
-- the cycle composes that subscriber again from its new state. The window (last_digest_at) is compared
-- on its own, so a cycle moving a million windows fires none of these triggers. These triggers are the
-- column's one owner: no program writes it.
ALTER TABLE subscribers ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- Also fired by the codes triggers of migration 0170 (a subscription added or removed).
CREATE TRIGGER subscriber_revision_row AFTER UPDATE OF codes, language, style, max_items, link_previews
    ON subscribers
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = NEW.chat_id;
END;

CREATE TRIGGER subscriber_revision_keyword_added AFTER INSERT ON keywords
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = NEW.chat_id;
END;

CREATE TRIGGER subscriber_revision_keyword_removed AFTER DELETE ON keywords
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = OLD.chat_id;
END;

-- An upsert that changes a phrase's mode (include -> exclude) is an update of the row.
CREATE TRIGGER subscriber_revision_keyword_changed AFTER UPDATE ON keywords
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;

CREATE TRIGGER subscriber_revision_topic_added AFTER INSERT ON topics
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = NEW.chat_id;
END;

CREATE TRIGGER subscriber_revision_topic_removed AFTER DELETE ON topics
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id = OLD.chat_id;
END;

-- An upsert that moves a region to another topic is an update of the row.
CREATE TRIGGER subscriber_revision_topic_changed AFTER UPDATE ON topics
BEGIN
    UPDATE subscribers SET revision = revision + 1 WHERE chat_id IN (OLD.chat_id, NEW.chat_id);
END;
