package org.centrik.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.centrik.matrix.Requests;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.security.UserId;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commands of network events: create, edit, publish, cancel, finish, appoint host
 * people, register teachers. Each asks {@link Access} before it writes anything, guards
 * the event's state (an illegal move is an {@link IllegalTransitionException}), records
 * every transition with who and why, and appends the event's new state to its network's
 * upcoming-events feed in the same transaction once the event was ever published.
 * <p>
 * Retries are harmless: a create carries a client-generated id, an edit replaces every
 * detail, and a command that finds the event already where it would take it (published,
 * cancelled, finished; registered) returns it unchanged.
 */
@Service
public class Events {

	private static final String CHANGED = "event.changed";

	private final DatabaseClient database;

	private final Schedule schedule;

	private final Access access;

	private final Registrations registrations;

	private final EventLifecycle lifecycle;

	private final Requests requests;

	private final MyEvents feeds;

	Events(DatabaseClient database, Schedule schedule, Access access, Registrations registrations,
			EventLifecycle lifecycle, Requests requests, MyEvents feeds) {
		this.database = database;
		this.schedule = schedule;
		this.access = access;
		this.registrations = registrations;
		this.lifecycle = lifecycle;
		this.requests = requests;
		this.feeds = feeds;
	}

	/**
	 * Creates a draft event; only its hosts and the coordinator see it until it is
	 * published.
	 * @return the event, created now or by an earlier try of the same {@code clientId}
	 */
	@Transactional
	public Mono<Event> create(EventDetails details, Caller caller) {
		return Mono.fromCallable(details::validate).flatMap((valid) -> {
			if (details.clientId() == null || details.networkId() == null) {
				return Mono.error(new IllegalArgumentException("'clientId' and 'networkId' are required to create."));
			}
			NetworkId network = new NetworkId(details.networkId());
			return this.access.createEvent(caller, network, organisations(details.hostIds()))
				.then(earlier(details.clientId(), caller))
				.switchIfEmpty(Mono.defer(() -> checkPeople(network, details).then(insert(details, valid, caller))
					.flatMap((id) -> links(id, details, caller)
						.then(this.lifecycle.recordTransition(id, null, Event.State.DRAFT, actor(caller), null))
						.then(this.lifecycle.announce(new EventId(id), CHANGED, Set.of())))));
		});
	}

	/**
	 * Replaces every detail of an event that has not finished or been cancelled. Changing
	 * its host organisations needs the right to create it for the new hosts; seats freed
	 * by a larger capacity go to the waiting list in order.
	 */
	@Transactional
	public Mono<Event> update(EventId id, EventDetails details, Caller caller) {
		return Mono.fromCallable(details::validate)
			.flatMap((valid) -> this.access.runEvent(caller, id.value())
				.then(this.lifecycle.lock(id))
				.flatMap((current) -> {
					if (!current.state().editable()) {
						return Mono.error(new IllegalTransitionException(id.value(), current.state(), "Event "
								+ id.value() + " is " + current.state().code() + ": it can no longer be edited."));
					}
					Set<OrganisationId> hosts = organisations(details.hostIds());
					Mono<Void> rehost = hosts.equals(current.hosts()) ? Mono.empty()
							: this.access.rehostEvent(caller, id.value(), hosts);
					return rehost.then(checkPeople(current.network(), details))
						.then(this.feeds.concerned(id))
						.flatMap((former) -> write(id, details, valid).then(links(id.value(), details, caller))
							.then(this.registrations.promote(id.value()))
							.then(this.lifecycle.announce(id, CHANGED, former)));
				}));
	}

	/** Makes a draft visible to the whole network. */
	@Transactional
	public Mono<Event> publish(EventId id, Caller caller) {
		return this.access.runEvent(caller, id.value())
			.then(this.lifecycle.move(id, Event.State.PUBLISHED, actor(caller), null));
	}

	/**
	 * Cancels an event that has not finished.
	 * @param reason why, shown to everyone who sees the event
	 */
	@Transactional
	public Mono<Event> cancel(EventId id, String reason, Caller caller) {
		if (reason == null || reason.isBlank()) {
			return Mono.error(new IllegalArgumentException("A cancellation needs a 'reason'."));
		}
		return this.access.runEvent(caller, id.value())
			.then(this.lifecycle.move(id, Event.State.CANCELLED, actor(caller), reason.trim()));
	}

	/**
	 * Finishes a live event (attendance closed); the scheduler does it by itself when the
	 * check-in window has closed. Other modules call it on behalf of the caller, whose
	 * right to run the event is checked here.
	 */
	@Transactional
	public Mono<Event> finish(EventId id, Caller caller) {
		return this.access.runEvent(caller, id.value())
			.then(this.lifecycle.move(id, Event.State.FINISHED, actor(caller), null));
	}

	/**
	 * Appoints the people who run the event (replacing those appointed before): users who
	 * are teachers or admins of its host organisations.
	 * @return the appointed users' ids
	 */
	@Transactional
	public Mono<List<UserId>> appointHosts(EventId id, List<Long> users, Caller caller) {
		List<Long> people = (users != null) ? users.stream().distinct().toList() : List.of();
		return this.access.appointHosts(caller, id.value())
			.then(this.database
				.sql("""
						select count(*) as eligible from users u
						where u.id = any(:users) and u.enabled and (
						    exists (select 1 from event_hosts h where h.event_id = :event
						            and h.organisation_id = (select t.organisation_id from teachers t where t.id = u.teacher_id))
						    or exists (select 1 from user_roles r join event_hosts h on h.organisation_id = r.organisation_id
						               where r.user_id = u.id and r.role = 'organisation_admin' and h.event_id = :event))
						""")
				.bind("users", people.toArray(Long[]::new))
				.bind("event", id.value())
				.map((row) -> row.get("eligible", Long.class))
				.one())
			.flatMap((eligible) -> (eligible != people.size())
					? Mono.error(new IllegalArgumentException(
							"Hosts are people of the event's host organisations: some of " + people + " are not."))
					: this.feeds.concerned(id)
						.flatMap((former) -> this.database.sql("delete from event_host_people where event_id = :event")
							.bind("event", id.value())
							.then()
							.then(this.database.sql("""
									insert into event_host_people (event_id, user_id)
									select :event, u from unnest(:users::bigint[]) as u
									""").bind("event", id.value()).bind("users", people.toArray(Long[]::new)).then())
							.then(this.lifecycle.announce(id, CHANGED, former))
							.thenReturn(people.stream().map(UserId::new).toList())));
	}

	/**
	 * Registers a teacher in advance: a seat while the capacity lasts, then the waiting
	 * list. Registering again changes nothing.
	 */
	@Transactional
	public Mono<Registration> register(EventId id, TeacherId teacher, Caller caller) {
		return this.access.register(caller, id.value(), teacher)
			.then(this.registrations.register(id.value(), teacher.value()))
			.flatMap((result) -> result.changed()
					? this.lifecycle.announce(id, CHANGED, Set.of()).thenReturn(result.registration())
					: Mono.just(result.registration()));
	}

	/**
	 * Takes a registration back; a seat it frees goes to the first on the waiting list.
	 */
	@Transactional
	public Mono<Registration> unregister(EventId id, TeacherId teacher, Caller caller) {
		return this.access.register(caller, id.value(), teacher)
			.then(this.registrations.unregister(id.value(), teacher.value()))
			.flatMap((result) -> result.changed()
					? this.lifecycle.announce(id, CHANGED, Set.of()).thenReturn(result.registration())
					: Mono.just(result.registration()));
	}

	private Mono<Event> earlier(UUID clientId, Caller caller) {
		return this.database.sql("select id, created_by from events where client_id = :clientId")
			.bind("clientId", clientId)
			.map((row) -> new Object[] { row.get("id", Long.class), row.get("created_by", String.class) })
			.one()
			.flatMap((row) -> actor(caller).equals(row[1]) ? this.schedule.event(new EventId((Long) row[0]))
					: Mono.error(new IllegalArgumentException(
							"'clientId' " + clientId + " was used by another command: generate a new one.")));
	}

	/**
	 * Hosts are member organisations of the network, presenters teachers of member
	 * organisations, requests requests of the network.
	 */
	private Mono<Void> checkPeople(NetworkId network, EventDetails details) {
		return this.database
			.sql("""
					select
					  (select count(*) from organisations o where o.id = any(:hosts) and exists (
					       select 1 from agreements a where a.organisation_id = o.id and a.network_id = :network
					       and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)))
					    as hosts,
					  (select count(*) from teachers t where t.id = any(:presenters) and exists (
					       select 1 from agreements a where a.organisation_id = t.organisation_id and a.network_id = :network
					       and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)))
					    as presenters,
					  (select count(*) from requests r where r.id = any(:requests) and r.network_id = :network) as requests
					""")
			.bind("network", network.value())
			.bind("hosts", details.hostIds().toArray(Long[]::new))
			.bind("presenters", details.presenterIds().toArray(Long[]::new))
			.bind("requests", details.requestIds().toArray(Long[]::new))
			.map((row) -> new long[] { row.get("hosts", Long.class), row.get("presenters", Long.class),
					row.get("requests", Long.class) })
			.one()
			.flatMap((counts) -> {
				if (counts[0] != details.hostIds().size()) {
					return Mono.error(new IllegalArgumentException(
							"Hosts must be member organisations of network " + network.value() + "."));
				}
				if (counts[1] != details.presenterIds().size()) {
					return Mono.error(new IllegalArgumentException(
							"Presenters must be teachers of member organisations of network " + network.value() + "."));
				}
				if (counts[2] != details.requestIds().size()) {
					return Mono.error(new IllegalArgumentException(
							"The requests an event answers must be requests of network " + network.value() + "."));
				}
				return Mono.empty();
			});
	}

	private Mono<Long> insert(EventDetails details, EventDetails.Valid valid, Caller caller) {
		return this.database.sql("""
				insert into events (network_id, title, format, mode, starts_at, ends_at, time_zone, place, link,
				                    capacity, description, materials, check_in_opens_before, check_in_closes_after,
				                    client_id, created_by)
				values (:network, :title, :format, :mode, :startsAt, :endsAt, :timeZone, :place, :link, :capacity,
				        :description, :materials, make_interval(mins => :opens), make_interval(mins => :closes),
				        :clientId, :createdBy)
				returning id
				""")
			.bind("network", details.networkId())
			.bind("clientId", details.clientId())
			.bind("createdBy", actor(caller))
			.bindValues(columns(details, valid))
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	private Mono<Void> write(EventId id, EventDetails details, EventDetails.Valid valid) {
		return this.database.sql("""
				update events set title = :title, format = :format, mode = :mode, starts_at = :startsAt,
				    ends_at = :endsAt, time_zone = :timeZone, place = :place, link = :link, capacity = :capacity,
				    description = :description, materials = :materials,
				    check_in_opens_before = make_interval(mins => :opens),
				    check_in_closes_after = make_interval(mins => :closes), updated_at = now(),
				    soon_announced_at = case when starts_at = :startsAt then soon_announced_at end
				where id = :id
				""").bind("id", id.value()).bindValues(columns(details, valid)).then();
	}

	private static java.util.Map<String, Object> columns(EventDetails details, EventDetails.Valid valid) {
		java.util.Map<String, Object> columns = new java.util.HashMap<>();
		columns.put("title", details.title().trim());
		columns.put("format", valid.format().code());
		columns.put("mode", valid.mode().code());
		columns.put("startsAt", details.startsAt().toInstant());
		columns.put("endsAt", details.endsAt().toInstant());
		columns.put("timeZone", valid.timeZone());
		columns.put("place",
				org.springframework.r2dbc.core.Parameter.fromOrEmpty(blankToNull(details.place()), String.class));
		columns.put("link",
				org.springframework.r2dbc.core.Parameter.fromOrEmpty(blankToNull(details.link()), String.class));
		columns.put("capacity",
				org.springframework.r2dbc.core.Parameter.fromOrEmpty(details.capacity(), Integer.class));
		columns.put("description", (details.description() != null) ? details.description() : "");
		columns.put("materials", details.materials().toArray(String[]::new));
		columns.put("opens", valid.checkInOpensMinutes());
		columns.put("closes", valid.checkInClosesMinutes());
		return columns;
	}

	/**
	 * Hosts and presenters as given; the requests it answers added and removed, the newly
	 * linked ones handed to {@link #requestsAnswered}.
	 */
	private Mono<Void> links(long event, EventDetails details, Caller caller) {
		Long[] hosts = details.hostIds().toArray(Long[]::new);
		Long[] presenters = details.presenterIds().toArray(Long[]::new);
		Long[] requests = details.requestIds().toArray(Long[]::new);
		return this.database.sql("delete from event_hosts where event_id = :event and organisation_id <> all(:ids)")
			.bind("event", event)
			.bind("ids", hosts)
			.then()
			.then(this.database
				.sql("""
						insert into event_hosts (event_id, organisation_id) select :event, o from unnest(:ids::bigint[]) as o
						on conflict do nothing
						""")
				.bind("event", event)
				.bind("ids", hosts)
				.then())
			.then(this.database.sql("delete from event_presenters where event_id = :event and teacher_id <> all(:ids)")
				.bind("event", event)
				.bind("ids", presenters)
				.then())
			.then(this.database
				.sql("""
						insert into event_presenters (event_id, teacher_id) select :event, t from unnest(:ids::bigint[]) as t
						on conflict do nothing
						""")
				.bind("event", event)
				.bind("ids", presenters)
				.then())
			.then(this.database.sql("delete from event_requests where event_id = :event and request_id <> all(:ids)")
				.bind("event", event)
				.bind("ids", requests)
				.then())
			.then(this.database.sql("""
					insert into event_requests (event_id, request_id) select :event, r from unnest(:ids::bigint[]) as r
					on conflict do nothing
					returning request_id
					""")
				.bind("event", event)
				.bind("ids", requests)
				.map((row) -> row.get("request_id", Long.class))
				.all()
				.collectList()
				.flatMap((linked) -> linked.isEmpty() ? Mono.empty()
						: requestsAnswered(new EventId(event), linked, caller)));
	}

	/**
	 * Where events meet the matrix: the requests newly linked to an event become
	 * {@code scheduled} ({@link Requests#schedule}, by the executor's admin or the
	 * coordinator), in the transaction that linked them, and the matrix shows it live. A
	 * request that is not accepted refuses the link ({@code illegal_transition}).
	 */
	private Mono<Void> requestsAnswered(EventId event, List<Long> requests, Caller caller) {
		return Flux.fromIterable(requests)
			.concatMap((request) -> this.requests.schedule(request, event.value(), caller))
			.then();
	}

	static String actor(Caller caller) {
		return "user:" + caller.user().value();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	private static Set<OrganisationId> organisations(List<Long> ids) {
		return ids.stream().map(OrganisationId::new).collect(Collectors.toUnmodifiableSet());
	}

}
