-- E-mail warnings of recognition (docs/recognition.md): a teacher one centrik short of a
-- certificate, and their organisation's admins, are told once per teacher and school year.
-- A row is recorded (in the transaction that answers the card change) only while SMTP is
-- configured; the sender sends it and marks it sent. The unique key is the "once".
create table card_warning_mails (
    id           bigint generated always as identity primary key,
    teacher_id   bigint not null references teachers (id) on delete cascade,
    school_year  integer not null check (school_year between 2000 and 2100),
    message      text not null check (length(trim(message)) > 0),
    recorded_at  timestamptz not null default now(),
    sent_at      timestamptz,
    recipients   text[],
    attempts     integer not null default 0 check (attempts >= 0),
    last_error   text,
    unique (teacher_id, school_year),
    check ((sent_at is null) = (recipients is null))
);
create index card_warning_mails_unsent_idx on card_warning_mails (id) where sent_at is null;
