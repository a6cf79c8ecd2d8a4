-- Issue 7: "starting soon" reaches the live feeds once per event (again if its start moves).
alter table events add column soon_announced_at timestamptz;

-- The scheduler looks for published events about to start that it has not announced yet.
create index events_soon_idx on events (starts_at) where state = 'published' and soon_announced_at is null;
