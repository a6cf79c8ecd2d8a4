-- The demo network (module demo): loaded once, on the first start in demo mode.
-- The single row is inserted in the same transaction as the whole network, so its presence means the
-- network was committed; a concurrent start waits on it and then finds the network loaded.
-- Every later start locks the row before it checks for a live event, so two starts never open two.
create table demo_network (
    singleton   boolean primary key default true check (singleton),
    -- taken from the networks sequence before the network row exists: checked at commit
    network_id  bigint not null unique references networks (id) deferrable initially deferred,
    seed        bigint not null,
    loaded_at   timestamptz not null
);
