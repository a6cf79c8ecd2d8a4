-- How far recognition has followed the change log to tell cards their new progress: the
-- last position whose participation and certificate changes were answered with a
-- progress.changed change. One row; moved forward in the transaction that appends.
create table card_progress_cursor (
    only_row        boolean primary key default true check (only_row),
    position        bigint not null check (position >= 0)
);
-- Start from now: earlier changes need no answer, every card's snapshot has its progress.
insert into card_progress_cursor (position) select position from change_log_head;
