-- Issue 7: network events as a workflow. Who created an event and with which client id (a
-- retried create changes nothing), its materials, when it was first published (changes of an
-- event reach the network's upcoming feed only once it was), every transition with who and why,
-- a waiting list in arrival order, and calendar feeds behind secret tokens.

alter table events
    add column client_id     uuid unique,
    add column materials     text[] not null default '{}',
    add column published_at  timestamptz,
    add column created_by    text;

-- Events the demo or earlier versions wrote past draft were visible already.
update events set published_at = created_at where state <> 'draft';

-- Every state change of an event, with who and why (cancellations carry their reason).
create table event_transitions (
    id              bigint generated always as identity primary key,
    event_id        bigint not null references events (id) on delete cascade,
    from_state      text check (from_state in ('draft', 'published', 'live', 'finished', 'cancelled')),
    to_state        text not null check (to_state in ('draft', 'published', 'live', 'finished', 'cancelled')),
    actor           text not null,
    reason          text,
    at              timestamptz not null default now(),
    check (from_state is distinct from to_state)
);
create index event_transitions_event_idx on event_transitions (event_id, id);

-- The scheduler looks for published events that have started and live ones whose check-in closed.
create index events_due_idx on events (state, starts_at) where state in ('published', 'live');

-- The waiting list is served in arrival order; ties on registered_at are broken by this.
alter table event_registrations
    add column arrival bigint generated always as identity;
create index event_registrations_queue_idx on event_registrations (event_id, status, registered_at, arrival);

-- iCalendar feeds at a secret URL: only the SHA-256 of the token is kept.
create table calendar_feeds (
    id              bigint generated always as identity primary key,
    owner_id        bigint not null references users (id) on delete cascade,
    scope           text not null check (scope in ('network', 'organisation', 'teacher')),
    network_id      bigint references networks (id),
    organisation_id bigint references organisations (id),
    teacher_id      bigint references teachers (id),
    token_hash      bytea not null unique check (length(token_hash) = 32),
    created_at      timestamptz not null default now(),
    revoked_at      timestamptz,
    check ((scope = 'network') = (network_id is not null)),
    check ((scope = 'organisation') = (organisation_id is not null)),
    check ((scope = 'teacher') = (teacher_id is not null))
);
create index calendar_feeds_owner_idx on calendar_feeds (owner_id);
