-- Issue 11, tuning: a sequencer run in one round trip instead of six (BEGIN, the advisory lock,
-- the stamp, pg_notify, COMMIT, then a look for more). Called as one statement, so it is its own
-- transaction: the lock, the new head and the NOTIFY all end at its commit.
--
-- Under read committed each statement of a volatile function takes a snapshot of its own, so the
-- stamp, which runs after the lock is granted, sees every row and the head that the previous run
-- committed: the lock must not be taken in the stamp's own statement, whose snapshot would be
-- older than the lock.
create function centrik_sequence(batch integer, channel text, out head bigint, out waiting boolean)
language plpgsql as $$
begin
    perform pg_advisory_xact_lock(7321001);
    with ready as (
        select id, row_number() over (order by id) as n
        from change_log
        where seq is null
        order by id
        limit batch
    ), current_head as (
        select position from change_log_head
    ), stamped as (
        update change_log c set seq = current_head.position + ready.n
        from ready, current_head
        where c.id = ready.id
    )
    update change_log_head set position = position + (select count(*) from ready)
    where exists (select 1 from ready)
    returning position into head;
    if head is not null then
        -- the newest position only, never a payload (8000 bytes at most, and the queue is shared)
        perform pg_notify(channel, head::text);
    end if;
    -- rows beyond the batch, or committed while this ran: another run follows at once
    waiting := exists (select 1 from change_log where seq is null);
end
$$;
