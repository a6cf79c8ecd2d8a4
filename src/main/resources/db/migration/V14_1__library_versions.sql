-- Issue 10, continued: revised versions of a product, and announcing missed deadlines once.

-- A product returned for revision comes back as its next version: the product keeps its id,
-- its current metadata is the newest version's, and every earlier version stays here.
alter table products add column version integer not null default 1 check (version >= 1);

create table product_versions (
    product_id      bigint not null references products (id) on delete cascade,
    version         integer not null check (version >= 1),
    title           text not null check (length(trim(title)) > 0),
    type            text not null,
    levels          text[] not null default '{}',
    subject         text,
    description     text not null default '',
    link            text,
    submitted_by    bigint references users (id),
    submitted_at    timestamptz not null,
    primary key (product_id, version)
);

-- Each version has its own files (a resubmission without files carries the previous ones over).
alter table product_files add column version integer not null default 1 check (version >= 1);
create index product_files_version_idx on product_files (product_id, version);

-- Which version a review is of.
alter table reviews add column version integer not null default 1 check (version >= 1);

-- A missed deadline is announced live once (the watcher marks what it announced).
alter table reviews add column overdue_announced_at timestamptz;
alter table creative_groups add column overdue_announced_at timestamptz;
create index reviews_open_due_idx on reviews (assigned_at) where conclusion is null and overdue_announced_at is null;

-- When the current version was submitted (the first version's is submitted_at).
alter table products add column version_submitted_at timestamptz;
