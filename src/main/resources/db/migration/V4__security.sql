-- Security: users, their roles and scopes, hosts of events, refresh tokens, signing keys, audit.
-- See docs/security.md. Every rule the database can hold lives here.

create table users (
    id                      bigint generated always as identity primary key,
    -- an e-mail address; unique whatever its case (see users_login_uq)
    login                   text not null check (login = trim(login) and login ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    -- Spring Security's DelegatingPasswordEncoder format: {id}hash
    password_hash           text not null check (password_hash ~ '^\{[A-Za-z0-9_-]+\}.+$'),
    display_name            text not null check (length(trim(display_name)) > 0),
    -- every teacher can be a user, at most one
    teacher_id              bigint unique references teachers (id),
    enabled                 boolean not null default true,
    -- a one-time setup password: the next login must set a new one
    must_change_password    boolean not null default false,
    created_at              timestamptz not null default now(),
    password_changed_at     timestamptz not null default now()
);
create unique index users_login_uq on users (lower(login));

-- Global roles with their scope. A coordinator runs one network (network_id) or, with no
-- network, every network of this installation (the first coordinator, created before any
-- network exists); an expert reviews in one network; an organisation admin acts for one
-- organisation; a teacher's organisation is the one of users.teacher_id.
create table user_roles (
    user_id         bigint not null references users (id) on delete cascade,
    role            text not null check (role in ('coordinator', 'organisation_admin', 'teacher', 'expert')),
    network_id      bigint references networks (id) on delete cascade,
    organisation_id bigint references organisations (id) on delete cascade,
    granted_at      timestamptz not null default now(),
    check (case role
               when 'coordinator' then organisation_id is null
               when 'expert' then network_id is not null and organisation_id is null
               when 'organisation_admin' then organisation_id is not null and network_id is null
               when 'teacher' then network_id is null and organisation_id is null
           end)
);
-- No grant twice; a missing scope counts as one value (PostgreSQL 15+).
create unique index user_roles_grant_uq on user_roles (user_id, role, network_id, organisation_id) nulls not distinct;
create index user_roles_role_idx on user_roles (role);

-- Only a user who is a teacher holds the teacher role.
create function user_roles_teacher_is_a_teacher() returns trigger language plpgsql as $$
begin
    if new.role = 'teacher' and not exists (select 1 from users where id = new.user_id and teacher_id is not null) then
        raise exception 'user % is not a teacher', new.user_id using errcode = '23514',
            constraint = 'user_roles_teacher_is_a_teacher';
    end if;
    return new;
end $$;
create trigger user_roles_teacher_is_a_teacher before insert or update on user_roles
    for each row execute function user_roles_teacher_is_a_teacher();

create function users_teacher_keeps_teacher_role() returns trigger language plpgsql as $$
begin
    if new.teacher_id is null and exists (select 1 from user_roles where user_id = new.id and role = 'teacher') then
        raise exception 'user % holds the teacher role', new.id using errcode = '23514',
            constraint = 'users_teacher_keeps_teacher_role';
    end if;
    return new;
end $$;
create trigger users_teacher_keeps_teacher_role before update of teacher_id on users
    for each row execute function users_teacher_keeps_teacher_role();

-- The people who run a given event (host: a relation to the event, not a global role).
create table event_host_people (
    event_id        bigint not null references events (id) on delete cascade,
    user_id         bigint not null references users (id) on delete cascade,
    primary key (event_id, user_id)
);
create index event_host_people_user_idx on event_host_people (user_id);

-- Refresh tokens: rotated at every use; reuse of a rotated token revokes its whole family.
-- The client holds the secret; only its SHA-256 is stored.
create table refresh_tokens (
    id              uuid primary key,
    user_id         bigint not null references users (id) on delete cascade,
    family          uuid not null,
    token_hash      bytea not null unique check (length(token_hash) = 32),
    issued_at       timestamptz not null default now(),
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    replaced_by     uuid references refresh_tokens (id),
    check (expires_at > issued_at),
    check (replaced_by is null or revoked_at is not null),
    check (replaced_by is distinct from id)
);
create index refresh_tokens_family_idx on refresh_tokens (family);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

-- Keys that sign access tokens; retired keys still verify until their tokens expire.
create table signing_keys (
    kid             text primary key check (length(trim(kid)) > 0),
    algorithm       text not null check (algorithm in ('RS256', 'ES256', 'EdDSA')),
    key_material    text not null check (length(key_material) > 0),
    created_at      timestamptz not null default now(),
    retired_at      timestamptz,
    check (retired_at is null or retired_at >= created_at)
);
-- At most one key signs.
create unique index signing_keys_active_uq on signing_keys ((true)) where retired_at is null;

-- Who did what: security-relevant events, queryable by the coordinator. Append-only.
create table audit_log (
    id              bigint generated always as identity primary key,
    at              timestamptz not null default now(),
    actor_user_id   bigint references users (id) on delete set null,
    actor_login     text,
    action          text not null check (action in ('login_succeeded', 'login_failed', 'logout', 'role_granted',
                                                     'role_revoked', 'attendance_corrected', 'year_end_run',
                                                     'setup_password_issued', 'user_created')),
    target          text,
    address         text,
    details         jsonb not null default '{}' check (jsonb_typeof(details) = 'object')
);
create index audit_log_action_idx on audit_log (action, id);
