-- The head of the change log: the last position the sequencer stamped, and how far the log has
-- been pruned. One row; every sequencer run moves it forward under an advisory lock.
create table change_log_head (
    only_row        boolean primary key default true check (only_row),
    position        bigint not null default 0 check (position >= 0),
    pruned_through  bigint not null default 0 check (pruned_through >= 0)
);
insert into change_log_head default values;
