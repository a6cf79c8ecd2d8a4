-- Issue 10: expert review by user accounts, and who submitted a product.
-- An expert is a user with the expert role of the product's network; the demo's experts
-- are teachers (expert_id), so a review names its expert by account, by teacher, or both.
alter table reviews alter column expert_id drop not null;
alter table reviews add column reviewer_id bigint references users (id);
alter table reviews add constraint reviews_expert_named check (expert_id is not null or reviewer_id is not null);
-- One open review per expert and product: assigning the same expert twice is one review.
create unique index reviews_open_reviewer_uq on reviews (product_id, reviewer_id) where conclusion is null;
create index reviews_reviewer_idx on reviews (reviewer_id);

alter table products add column submitted_by bigint references users (id);

alter table creative_groups add column applied_by bigint references users (id);

-- When the current round of review began: the product's state follows the conclusions of
-- that round only (a product returned for revision is reviewed again in a new round).
alter table products add column review_round_at timestamptz;
