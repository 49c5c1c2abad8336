-- subscribers_profile: the subscribers holding each profile, so that the daily prune of the profiles
-- nobody holds (nashra.storage.profiles.prune_profiles) searches this index per profile instead of
-- reading every subscriber row, and can do it a batch of profiles per short write transaction. At a
-- million subscribers holding 314,005 profiles (the database benchmarks/delivery.py seeds, a tenth of
-- them moved to another language first) one prune statement over every profile held the write lock
-- 1.9 s without it and 0.8 s with it; built in 1.1 s. Partial: a chat without regions has no profile.
-- Written only when a subscriber's profile changes (migration 0260's triggers).
CREATE INDEX subscribers_profile ON subscribers (profile) WHERE profile IS NOT NULL;
