-- Centrik: the whole domain of methodical networks (see shared/domain.md).
-- Rules the database can hold live here: keys, uniqueness, states, roles and periods.
-- School years are stored by their starting calendar year: 2025 means 1 Sep 2025 .. 31 Aug 2026.

-- The registry -----------------------------------------------------------------------------

create table organisations (
    id              bigint generated always as identity primary key,
    name            text not null check (length(trim(name)) > 0),
    short_name      text,
    kind            text not null check (kind in ('kindergarten', 'school', 'lyceum', 'gymnasium',
                                                  'additional_education', 'methodical_centre')),
    municipality    text not null,
    address         text,
    email           text,
    phone           text,
    -- innovation labels: ФИП, КИП, КАП, ОПП, ООУ, ЦИО, РОП
    labels          text[] not null default '{}'
                    check (labels <@ array['fip', 'kip', 'kap', 'opp', 'oou', 'cio', 'rop']),
    created_at      timestamptz not null default now()
);

create table networks (
    id              bigint generated always as identity primary key,
    name            text not null check (length(trim(name)) > 0),
    level           text not null check (level in ('local', 'district', 'regional')),
    coordinator_id  bigint not null references organisations (id),
    description     text,
    created_at      timestamptz not null default now()
);

-- An agreement in force makes an organisation a member of a network for its period.
create table agreements (
    id              bigint generated always as identity primary key,
    network_id      bigint not null references networks (id),
    organisation_id bigint not null references organisations (id),
    number          text not null check (length(trim(number)) > 0),
    signed_on       date not null,
    valid_from      date not null,
    valid_to        date,
    purpose         text,
    created_at      timestamptz not null default now(),
    unique (network_id, number),
    check (valid_to is null or valid_to >= valid_from)
);
create index agreements_member_idx on agreements (network_id, organisation_id);

-- People in organisations: teachers, and the methodologists who act as experts.
create table teachers (
    id              bigint generated always as identity primary key,
    organisation_id bigint not null references organisations (id),
    last_name       text not null check (length(trim(last_name)) > 0),
    first_name      text not null check (length(trim(first_name)) > 0),
    middle_name     text,
    email           text,
    phone           text,
    position        text,
    subject         text,
    created_at      timestamptz not null default now()
);
create unique index teachers_email_uq on teachers (lower(email)) where email is not null;
create index teachers_organisation_idx on teachers (organisation_id);

-- The bank of innovative practices --------------------------------------------------------

create table practices (
    id              bigint generated always as identity primary key,
    network_id      bigint not null references networks (id),
    organisation_id bigint not null references organisations (id),
    title           text not null check (length(trim(title)) > 0),
    direction       text not null,
    levels          text[] not null check (cardinality(levels) > 0
                    and levels <@ array['preschool', 'primary', 'general', 'additional']),
    description     text not null default '',
    formats         text[] not null default '{}'
                    check (formats <@ array['seminar', 'webinar', 'web_conference', 'master_class', 'workshop',
                                            'discussion', 'contest', 'open_microphone', 'fair', 'open_day']),
    materials_url   text,
    declared_on     date not null default current_date,
    search          tsvector generated always as (
                        setweight(to_tsvector('russian', title), 'A') ||
                        setweight(to_tsvector('russian', direction), 'B') ||
                        setweight(to_tsvector('russian', description), 'C')) stored
);
create index practices_search_idx on practices using gin (search);
create index practices_organisation_idx on practices (organisation_id);

-- Requests: the cells of the collaboration matrix -------------------------------------------

create table requests (
    id              bigint generated always as identity primary key,
    network_id      bigint not null references networks (id),
    school_year     int not null check (school_year between 2000 and 2200),
    practice_id     bigint not null references practices (id),
    applicant_id    bigint not null references organisations (id),
    desired_format  text check (desired_format in ('seminar', 'webinar', 'web_conference', 'master_class',
                                'workshop', 'discussion', 'contest', 'open_microphone', 'fair', 'open_day')),
    period_from     date,
    period_to       date,
    teachers_count  int check (teachers_count > 0),
    comment         text,
    state           text not null default 'submitted'
                    check (state in ('submitted', 'accepted', 'declined', 'scheduled', 'delivered', 'withdrawn')),
    decline_reason  text,
    submitted_at    timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (period_to is null or period_from is null or period_to >= period_from),
    check (state <> 'declined' or coalesce(length(trim(decline_reason)), 0) > 0)
);
create index requests_matrix_idx on requests (network_id, school_year);
create index requests_practice_idx on requests (practice_id);

-- Every transition of a request, with who and when.
create table request_transitions (
    id              bigint generated always as identity primary key,
    request_id      bigint not null references requests (id),
    from_state      text check (from_state in ('submitted', 'accepted', 'declined', 'scheduled', 'delivered', 'withdrawn')),
    to_state        text not null check (to_state in ('submitted', 'accepted', 'declined', 'scheduled', 'delivered', 'withdrawn')),
    actor           text not null,
    reason          text,
    at              timestamptz not null default now(),
    check (from_state is distinct from to_state)
);
create index request_transitions_request_idx on request_transitions (request_id, at);

-- Network events ------------------------------------------------------------------------------

create table events (
    id                      bigint generated always as identity primary key,
    network_id              bigint not null references networks (id),
    title                   text not null check (length(trim(title)) > 0),
    format                  text not null check (format in ('seminar', 'webinar', 'web_conference', 'master_class',
                                             'workshop', 'discussion', 'contest', 'open_microphone', 'fair', 'open_day')),
    mode                    text not null check (mode in ('online', 'offline', 'hybrid')),
    starts_at               timestamptz not null,
    ends_at                 timestamptz not null,
    time_zone               text not null default 'Europe/Moscow',
    place                   text,
    link                    text,
    capacity                int check (capacity > 0),
    description             text not null default '',
    state                   text not null default 'draft'
                            check (state in ('draft', 'published', 'live', 'finished', 'cancelled')),
    cancel_reason           text,
    check_in_opens_before   interval not null default interval '30 minutes',
    check_in_closes_after   interval not null default interval '30 minutes',
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    check (ends_at > starts_at),
    check (check_in_opens_before >= interval '0' and check_in_closes_after >= interval '0'),
    check (state <> 'cancelled' or coalesce(length(trim(cancel_reason)), 0) > 0),
    check (mode = 'online' or place is not null),
    check (mode = 'offline' or link is not null)
);
create index events_schedule_idx on events (network_id, starts_at);

create table event_hosts (
    event_id        bigint not null references events (id) on delete cascade,
    organisation_id bigint not null references organisations (id),
    primary key (event_id, organisation_id)
);

create table event_presenters (
    event_id        bigint not null references events (id) on delete cascade,
    teacher_id      bigint not null references teachers (id),
    primary key (event_id, teacher_id)
);

-- The requests an event answers.
create table event_requests (
    event_id        bigint not null references events (id) on delete cascade,
    request_id      bigint not null references requests (id),
    primary key (event_id, request_id)
);

-- Optional registration in advance: the host's roster, with a waiting list.
create table event_registrations (
    event_id        bigint not null references events (id) on delete cascade,
    teacher_id      bigint not null references teachers (id),
    status          text not null default 'registered' check (status in ('registered', 'waitlisted', 'cancelled')),
    registered_at   timestamptz not null default now(),
    primary key (event_id, teacher_id)
);

-- Attendance: one teacher, one event, one participation -------------------------------------

create table participations (
    id              bigint generated always as identity primary key,
    event_id        bigint not null references events (id),
    teacher_id      bigint not null references teachers (id),
    role            text not null check (role in ('listener', 'presenter')),
    method          text not null check (method in ('qr', 'code_word', 'link', 'host_marked', 'import')),
    status          text not null default 'present' check (status in ('present', 'removed')),
    -- when the teacher really checked in (a phone that was offline sends its original scan time)
    recorded_at     timestamptz not null,
    received_at     timestamptz not null default now(),
    -- client-generated id of the command: a retry with the same id changes nothing
    client_id       uuid unique,
    recorded_by     text not null,
    unique (event_id, teacher_id)
);
create index participations_teacher_idx on participations (teacher_id);

-- Corrections after the fact are kept, never overwritten.
create table participation_corrections (
    id                  bigint generated always as identity primary key,
    participation_id    bigint not null references participations (id),
    from_role           text check (from_role in ('listener', 'presenter')),
    to_role             text check (to_role in ('listener', 'presenter')),
    from_status         text not null check (from_status in ('present', 'removed')),
    to_status           text not null check (to_status in ('present', 'removed')),
    reason              text not null check (length(trim(reason)) > 0),
    corrected_by        text not null,
    corrected_at        timestamptz not null default now(),
    check (from_role is distinct from to_role or from_status <> to_status)
);
create index participation_corrections_idx on participation_corrections (participation_id);

-- Recognition: certificates and statuses -----------------------------------------------------

create table certificates (
    id              bigint generated always as identity primary key,
    network_id      bigint not null references networks (id),
    school_year     int not null check (school_year between 2000 and 2200),
    kind            text not null check (kind in ('teacher_certificate', 'network_teacher', 'network_platform')),
    teacher_id      bigint references teachers (id),
    organisation_id bigint references organisations (id),
    number          text not null unique,
    issued_on       date not null,
    verification_token text not null unique,
    revoked_at      timestamptz,
    revoke_reason   text,
    check ((kind = 'network_platform') = (organisation_id is not null)),
    check ((kind = 'network_platform') = (teacher_id is null)),
    check (revoked_at is null or coalesce(length(trim(revoke_reason)), 0) > 0)
);
-- Year end is repeatable: one certificate of a kind per holder per network and year.
create unique index certificates_teacher_uq on certificates (network_id, school_year, kind, teacher_id)
    where teacher_id is not null;
create unique index certificates_organisation_uq on certificates (network_id, school_year, kind, organisation_id)
    where organisation_id is not null;

-- The library: products, expert review, creative groups --------------------------------------

create table creative_groups (
    id                  bigint generated always as identity primary key,
    network_id          bigint not null references networks (id),
    name                text not null check (length(trim(name)) > 0),
    problem             text not null check (length(trim(problem)) > 0),
    expected_result     text not null check (length(trim(expected_result)) > 0),
    term_from           date not null,
    term_to             date not null,
    leader_id           bigint not null references teachers (id),
    state               text not null default 'applied' check (state in ('applied', 'created', 'rejected')),
    decision_reason     text,
    applied_at          timestamptz not null default now(),
    decided_at          timestamptz,
    check (term_to >= term_from),
    check ((state = 'applied') = (decided_at is null)),
    check (state <> 'rejected' or coalesce(length(trim(decision_reason)), 0) > 0)
);

create table creative_group_members (
    group_id        bigint not null references creative_groups (id) on delete cascade,
    teacher_id      bigint not null references teachers (id),
    primary key (group_id, teacher_id)
);

create table products (
    id                  bigint generated always as identity primary key,
    network_id          bigint not null references networks (id),
    title               text not null check (length(trim(title)) > 0),
    type                text not null check (type in ('methodical_materials', 'project', 'lesson_video',
                                                      'assessment_materials', 'assessment_sheet')),
    levels              text[] not null default '{}'
                        check (levels <@ array['preschool', 'primary', 'general', 'additional']),
    subject             text,
    description         text not null default '',
    link                text,
    organisation_id     bigint references organisations (id),
    creative_group_id   bigint references creative_groups (id),
    state               text not null default 'submitted'
                        check (state in ('submitted', 'in_review', 'revision', 'approved', 'recommended', 'rejected')),
    submitted_at        timestamptz not null default now(),
    search              tsvector generated always as (
                            setweight(to_tsvector('russian', title), 'A') ||
                            setweight(to_tsvector('russian', description), 'C')) stored
);
create index products_search_idx on products using gin (search);

create table product_authors (
    product_id      bigint not null references products (id) on delete cascade,
    teacher_id      bigint not null references teachers (id),
    primary key (product_id, teacher_id)
);

create table product_files (
    id              bigint generated always as identity primary key,
    product_id      bigint not null references products (id) on delete cascade,
    file_name       text not null,
    content_type    text not null,
    size_bytes      bigint not null check (size_bytes between 1 and 52428800),
    sha256          text not null,
    content         bytea not null,
    uploaded_at     timestamptz not null default now()
);

create table reviews (
    id              bigint generated always as identity primary key,
    product_id      bigint not null references products (id),
    expert_id       bigint not null references teachers (id),
    assigned_at     timestamptz not null default now(),
    conclusion      text check (conclusion in ('approve', 'recommend', 'revise', 'reject')),
    comments        text,
    assessment      jsonb,
    decided_at      timestamptz,
    unique (product_id, expert_id, assigned_at),
    check ((conclusion is null) = (decided_at is null)),
    check (conclusion not in ('revise', 'reject') or coalesce(length(trim(comments)), 0) > 0)
);

-- The live core's change log (written by the live module) -------------------------------------
-- Writers append rows inside their own transaction; the position (seq) is stamped after commit
-- by the sequencer, so that positions become visible in order: see docs/live.md.
create table change_log (
    id              bigint generated always as identity primary key,
    seq             bigint unique,
    topic           text not null check (length(topic) > 0),
    type            text not null check (length(type) > 0),
    payload         jsonb not null,
    created_at      timestamptz not null default clock_timestamp()
);
create index change_log_topic_seq_idx on change_log (topic, seq) where seq is not null;
create index change_log_unsequenced_idx on change_log (id) where seq is null;
