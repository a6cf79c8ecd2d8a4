-- Recognition (issue 9): certificates are numbered within their network and school year,
-- keep the participations they were issued for, and a teacher exchanges a card once a year.

-- The running number of a certificate within its network and school year; the printed
-- number is made of it ("{network}/{school year}-{serial}").
alter table certificates add column serial int check (serial > 0);
alter table certificates add column issued_at timestamptz not null default now();
alter table certificates add column revoked_by text;
update certificates c set serial = n.serial
from (select id, row_number() over (partition by network_id, school_year order by id) as serial from certificates) n
where n.id = c.id;
alter table certificates alter column serial set not null;
create unique index certificates_serial_uq on certificates (network_id, school_year, serial);

-- One card, one certificate a year: a teacher gets either the teacher certificate or the
-- «Сетевой педагог» one for a school year of a network, never both.
create unique index certificates_teacher_year_uq on certificates (network_id, school_year, teacher_id)
    where teacher_id is not null;
create index certificates_teacher_idx on certificates (teacher_id) where teacher_id is not null;

-- The evidence of a certificate: the participations (centriks) it was issued for. The
-- card itself is never stored: it is derived from participations.
create table certificate_evidence (
    certificate_id      bigint not null references certificates (id),
    participation_id    bigint not null references participations (id),
    primary key (certificate_id, participation_id)
);
create index certificate_evidence_participation_idx on certificate_evidence (participation_id);

-- Revoking a certificate and confirming a network platform are audited.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check
    check (action in ('login_succeeded', 'login_failed', 'logout', 'role_granted', 'role_revoked',
                      'attendance_corrected', 'year_end_run', 'setup_password_issued', 'user_created',
                      'password_changed', 'certificate_revoked', 'platform_status_confirmed'));
