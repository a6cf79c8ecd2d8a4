-- Issue 6: the registry's responsible admin, idempotent request commands, and who made each
-- transition of a request (see docs/matrix.md).

-- The person who answers for an organisation's card in the registry.
alter table organisations add column responsible_user_id bigint references users (id);

-- A client-generated id per command: a retried submit or transition changes nothing.
alter table requests add column client_id uuid unique;
alter table request_transitions add column client_id uuid unique;

-- Who made the transition (absent for the server itself), and the event of a scheduling.
alter table request_transitions add column actor_user_id bigint references users (id);
alter table request_transitions add column event_id bigint references events (id);

create index requests_applicant_idx on requests (applicant_id);
create index event_requests_request_idx on event_requests (request_id);
