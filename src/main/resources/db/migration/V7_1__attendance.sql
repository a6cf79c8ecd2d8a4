-- Attendance (issue 8): the key of the rotating check-in codes, the closing of an event's
-- attendance, and command ids of host marks and corrections.

-- The secret of the check-in codes (QR tokens and code words), shared by every node: created
-- once on first use unless centrik.attendance.code-secret is configured.
create table attendance_code_keys (
    id              smallint primary key default 1 check (id = 1),
    secret          bytea not null check (length(secret) >= 32),
    created_at      timestamptz not null default now()
);

-- Closing attendance: later scans are refused; scans made before it may still arrive from
-- phones that were offline.
create table attendance_closures (
    event_id        bigint primary key references events (id),
    closed_at       timestamptz not null default now(),
    closed_by       text not null check (length(trim(closed_by)) > 0)
);

-- A host's mark, undo or correction carries the client's command id: a retry changes nothing.
alter table participation_corrections add column client_id uuid unique;
