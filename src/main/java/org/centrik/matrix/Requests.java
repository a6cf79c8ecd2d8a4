package org.centrik.matrix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.network.Registry;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.ConflictException;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.SchoolYear;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests and their workflow (submitted → accepted | declined → scheduled → delivered,
 * or withdrawn), the public way in for every module: the events module links an event to
 * the requests it answers with {@link #schedule}, the attendance module marks them
 * delivered with {@link #deliverAnsweredBy} when the event closes with attendance.
 * <p>
 * Every change runs in one transaction with its row of {@code request_transitions} (who
 * and when) and its {@code request.changed} entry on the network's matrix topic, so every
 * open matrix sees it. Only the two parties (the applicant's admin files and withdraws,
 * the executor's admin answers and schedules) and the network's coordinator change a
 * request; only members with an agreement in force file or accept one. Commands that a
 * client may retry take its id: a retry returns the request as it is and changes nothing.
 */
@Service
public class Requests {

	private static final String SELECT = """
			select r.id, r.network_id, r.school_year, r.practice_id, p.title as practice_title, p.direction,
			       r.applicant_id, a.name as applicant_name, p.organisation_id as executor_id, x.name as executor_name,
			       r.state, r.desired_format, r.period_from, r.period_to, r.teachers_count, r.comment, r.decline_reason,
			       array(select er.event_id from event_requests er where er.request_id = r.id order by er.event_id)
			           as event_ids,
			       r.submitted_at, r.updated_at
			from requests r
			join practices p on p.id = r.practice_id
			join organisations a on a.id = r.applicant_id
			join organisations x on x.id = p.organisation_id
			""";

	private final DatabaseClient database;

	private final Registry registry;

	private final Access access;

	private final ChangeLog changes;

	Requests(DatabaseClient database, Registry registry, Access access, ChangeLog changes) {
		this.database = database;
		this.registry = registry;
		this.access = access;
		this.changes = changes;
	}

	/**
	 * Files a request for the applicant. Both organisations must have an agreement in
	 * force with the practice's network ({@code agreement_lapsed} otherwise), and an
	 * organisation does not request its own practice.
	 * @return the new request, or the one this command's client id filed before
	 */
	@Transactional
	public Mono<Result> submit(NewRequest request, Caller caller) {
		NewRequest valid = request.validated();
		return byClientId(valid.clientId())
			.flatMap((earlier) -> this.access
				.requestParty(caller, new NetworkId(earlier.networkId()), new OrganisationId(earlier.applicantId()))
				.then(Mono.fromCallable(() -> sameCommand(earlier, valid))))
			.switchIfEmpty(Mono
				.defer(() -> practiceFacts(valid.practiceId()).flatMap((practice) -> file(valid, practice, caller))));
	}

	private Mono<Result> file(NewRequest request, PracticeFacts practice, Caller caller) {
		OrganisationId applicant = new OrganisationId(request.applicantId());
		return this.access.requestParty(caller, practice.network(), applicant).then(Mono.defer(() -> {
			if (applicant.equals(practice.executor())) {
				return Mono.error(new IllegalArgumentException("An organisation does not request its own practice."));
			}
			return requireInForce(practice.network(), applicant, "file")
				.then(requireInForce(practice.network(), practice.executor(), "be asked for"));
		})).then(Mono.defer(() -> insert(request, practice))).flatMap((id) -> {
			if (id == 0) {
				return byClientId(request.clientId()).map((earlier) -> sameCommand(earlier, request));
			}
			return record(id, null, RequestState.SUBMITTED, null, null, null, caller).then(publish(id))
				.map((changed) -> new Result(changed, true));
		});
	}

	private Mono<Long> insert(NewRequest request, PracticeFacts practice) {
		int year = (request.schoolYear() != null) ? request.schoolYear()
				: SchoolYear.of((request.periodFrom() != null) ? request.periodFrom() : LocalDate.now()).startYear();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("network", practice.network().value());
		values.put("year", year);
		values.put("practice", request.practiceId());
		values.put("applicant", request.applicantId());
		values.put("format", Parameter.fromOrEmpty(request.desiredFormat(), String.class));
		values.put("periodFrom", Parameter.fromOrEmpty(request.periodFrom(), LocalDate.class));
		values.put("periodTo", Parameter.fromOrEmpty(request.periodTo(), LocalDate.class));
		values.put("teachers", Parameter.fromOrEmpty(request.teachersCount(), Integer.class));
		values.put("comment", Parameter.fromOrEmpty(request.comment(), String.class));
		values.put("clientId", Parameter.fromOrEmpty(request.clientId(), UUID.class));
		return this.database.sql("""
				insert into requests (network_id, school_year, practice_id, applicant_id, desired_format, period_from,
				    period_to, teachers_count, comment, client_id)
				values (:network, :year, :practice, :applicant, :format, :periodFrom, :periodTo, :teachers, :comment,
				    :clientId)
				on conflict (client_id) do nothing
				returning id
				""").bindValues(values).map((row) -> row.get("id", Long.class)).one().defaultIfEmpty(0L);
	}

	/** The executor accepts: its agreement must be in force. */
	@Transactional
	public Mono<Result> accept(long requestId, UUID clientId, Caller caller) {
		return move(requestId, RequestState.ACCEPTED, null, clientId, null, caller);
	}

	/** The executor declines, with a reason. */
	@Transactional
	public Mono<Result> decline(long requestId, String reason, UUID clientId, Caller caller) {
		if (reason == null || reason.isBlank()) {
			return Mono.error(new IllegalArgumentException("A decline needs its reason."));
		}
		return move(requestId, RequestState.DECLINED, reason.trim(), clientId, null, caller);
	}

	/** The applicant withdraws a request that is neither answered no nor delivered. */
	@Transactional
	public Mono<Result> withdraw(long requestId, UUID clientId, Caller caller) {
		return move(requestId, RequestState.WITHDRAWN, null, clientId, null, caller);
	}

	/**
	 * Links an event of the request's network to an accepted request, which becomes
	 * scheduled; by the executor's admin or the network's coordinator. Linking a further
	 * event to a scheduled request keeps it scheduled; linking the same event again
	 * changes nothing.
	 */
	@Transactional
	public Mono<Result> schedule(long requestId, long eventId, Caller caller) {
		return lock(requestId).flatMap((facts) -> this.access.requestParty(caller, facts.network(), facts.executor())
			.then(eventNetwork(eventId))
			.flatMap((network) -> {
				if (!network.equals(facts.network())) {
					return Mono.error(new IllegalArgumentException(
							"Event " + eventId + " is not of the request's network " + facts.network().value() + "."));
				}
				return link(requestId, eventId);
			})
			.flatMap((linked) -> {
				if (facts.state() == RequestState.SCHEDULED) {
					return linked ? publish(requestId).map((request) -> new Result(request, true))
							: request(requestId).map((request) -> new Result(request, false));
				}
				if (!facts.state().canBecome(RequestState.SCHEDULED)) {
					return Mono.error(new IllegalTransitionException(requestId, facts.state(), RequestState.SCHEDULED));
				}
				return change(requestId, facts.state(), RequestState.SCHEDULED, null, null, eventId, caller);
			}));
	}

	/**
	 * Marks delivered the scheduled requests that the event answers, once it took place
	 * with attendance recorded (at least one participant present); the server acts, not a
	 * user. Called when an event's attendance closes.
	 * @return the requests delivered now (none when there is no attendance yet)
	 */
	@Transactional
	public Flux<Request> deliverAnsweredBy(long eventId) {
		return this.database.sql("""
				select r.id from requests r join event_requests er on er.request_id = r.id
				where er.event_id = :event and r.state = 'scheduled'
				and exists (select 1 from participations pa where pa.event_id = :event and pa.status = 'present')
				order by r.id for update of r
				""")
			.bind("event", eventId)
			.map((row) -> row.get("id", Long.class))
			.all()
			.concatMap((id) -> change(id, RequestState.SCHEDULED, RequestState.DELIVERED, null, null, eventId, null))
			.map(Result::request);
	}

	private Mono<Result> move(long requestId, RequestState to, String reason, UUID clientId, Long eventId,
			Caller caller) {
		return lock(requestId).flatMap((facts) -> {
			OrganisationId party = (to == RequestState.WITHDRAWN) ? facts.applicant() : facts.executor();
			return this.access.requestParty(caller, facts.network(), party)
				.then(retried(requestId, clientId))
				.flatMap((retry) -> retry ? request(requestId).map((request) -> new Result(request, false))
						: Mono.defer(() -> {
							if (!facts.state().canBecome(to)) {
								return Mono.error(new IllegalTransitionException(requestId, facts.state(), to));
							}
							Mono<Void> rule = (to == RequestState.ACCEPTED)
									? requireInForce(facts.network(), facts.executor(), "accept") : Mono.empty();
							return rule.then(change(requestId, facts.state(), to, reason, clientId, eventId, caller));
						}));
		});
	}

	private Mono<Result> change(long requestId, RequestState from, RequestState to, String reason, UUID clientId,
			Long eventId, Caller caller) {
		return this.database.sql("""
				update requests set state = :state, decline_reason = coalesce(:reason, decline_reason),
				    updated_at = now()
				where id = :id
				""")
			.bind("state", to.code())
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("id", requestId)
			.then()
			.then(record(requestId, from, to, reason, clientId, eventId, caller))
			.then(publish(requestId))
			.map((request) -> new Result(request, true));
	}

	private Mono<Void> record(long requestId, RequestState from, RequestState to, String reason, UUID clientId,
			Long eventId, Caller caller) {
		return this.database.sql("""
				insert into request_transitions (request_id, from_state, to_state, actor, actor_user_id, reason,
				    client_id, event_id)
				values (:request, :from, :to, :actor, :user, :reason, :clientId, :event)
				""")
			.bind("request", requestId)
			.bind("from", Parameter.fromOrEmpty((from != null) ? from.code() : null, String.class))
			.bind("to", to.code())
			.bind("actor", (caller != null) ? caller.login() : "system")
			.bind("user", Parameter.fromOrEmpty((caller != null) ? caller.user().value() : null, Long.class))
			.bind("reason", Parameter.fromOrEmpty(reason, String.class))
			.bind("clientId", Parameter.fromOrEmpty(clientId, UUID.class))
			.bind("event", Parameter.fromOrEmpty(eventId, Long.class))
			.then();
	}

	/** The request as it is now, appended to its matrix topic. */
	private Mono<Request> publish(long requestId) {
		return request(requestId).flatMap(
				(request) -> this.changes
					.append(Topic.matrix(request.networkId(), request.schoolYear()), "request.changed",
							MatrixRequest.of(request))
					.thenReturn(request));
	}

	private Mono<Void> requireInForce(NetworkId network, OrganisationId organisation, String what) {
		return this.registry.inForce(network, organisation)
			.flatMap((member) -> member ? Mono.<Void>empty()
					: Mono.error(new ConflictException("agreement_lapsed",
							"Organisation " + organisation.value() + " has no agreement in force with network "
									+ network.value() + ", so it cannot " + what + " new requests.")));
	}

	private Mono<Boolean> retried(long requestId, UUID clientId) {
		if (clientId == null) {
			return Mono.just(false);
		}
		return this.database.sql("select request_id from request_transitions where client_id = :clientId")
			.bind("clientId", clientId)
			.map((row) -> row.get("request_id", Long.class))
			.one()
			.flatMap((request) -> (request == requestId) ? Mono.just(true)
					: Mono.<Boolean>error(
							new ConflictException("client_id_reused", "This client id was used for another command.")))
			.defaultIfEmpty(false);
	}

	private Mono<Request> byClientId(UUID clientId) {
		if (clientId == null) {
			return Mono.empty();
		}
		return this.database.sql(SELECT + " where r.client_id = :clientId")
			.bind("clientId", clientId)
			.map((row) -> request(row))
			.one();
	}

	private static Result sameCommand(Request earlier, NewRequest request) {
		if (earlier.practiceId() != request.practiceId() || earlier.applicantId() != request.applicantId()) {
			throw new ConflictException("client_id_reused", "This client id was used for another request.");
		}
		return new Result(earlier, false);
	}

	private Mono<Boolean> link(long requestId, long eventId) {
		return this.database.sql("""
				insert into event_requests (event_id, request_id) values (:event, :request)
				on conflict do nothing
				""").bind("event", eventId).bind("request", requestId).fetch().rowsUpdated().map((rows) -> rows > 0);
	}

	private Mono<NetworkId> eventNetwork(long eventId) {
		return this.database.sql("select network_id from events where id = :event")
			.bind("event", eventId)
			.map((row) -> new NetworkId(row.get("network_id", Long.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", eventId)));
	}

	private Mono<PracticeFacts> practiceFacts(long practiceId) {
		return this.database.sql("select network_id, organisation_id from practices where id = :id")
			.bind("id", practiceId)
			.map((row) -> new PracticeFacts(new NetworkId(row.get("network_id", Long.class)),
					new OrganisationId(row.get("organisation_id", Long.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("practice", practiceId)));
	}

	/** Locks the request for the transaction: one transition at a time. */
	private Mono<RequestFacts> lock(long requestId) {
		return this.database.sql("""
				select r.state, r.network_id, r.applicant_id, p.organisation_id as executor_id
				from requests r join practices p on p.id = r.practice_id
				where r.id = :id for update of r
				""")
			.bind("id", requestId)
			.map((row) -> new RequestFacts(RequestState.of(row.get("state", String.class)),
					new NetworkId(row.get("network_id", Long.class)),
					new OrganisationId(row.get("applicant_id", Long.class)),
					new OrganisationId(row.get("executor_id", Long.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("request", requestId)));
	}

	/** The request; a 404 problem when there is none. */
	public Mono<Request> request(long requestId) {
		return this.database.sql(SELECT + " where r.id = :id")
			.bind("id", requestId)
			.map((row) -> request(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("request", requestId)));
	}

	/** The requests of a network, filtered, oldest first. */
	public Flux<Request> requests(RequestFilter filter) {
		StringBuilder where = new StringBuilder(" where r.network_id = :network");
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("network", filter.network().value());
		if (filter.schoolYear() != null) {
			where.append(" and r.school_year = :year");
			values.put("year", filter.schoolYear());
		}
		if (filter.state() != null) {
			where.append(" and r.state = :state");
			values.put("state", filter.state().code());
		}
		if (filter.direction() != null) {
			where.append(" and p.direction = :direction");
			values.put("direction", filter.direction());
		}
		if (filter.organisation() != null) {
			where.append(" and (r.applicant_id = :organisation or p.organisation_id = :organisation)");
			values.put("organisation", filter.organisation().value());
		}
		return this.database.sql(SELECT + where + " order by r.id").bindValues(values).map((row) -> request(row)).all();
	}

	/** Every transition of a request, oldest first. */
	public Flux<Transition> history(long requestId) {
		return this.database.sql("""
				select from_state, to_state, actor, reason, event_id, at from request_transitions
				where request_id = :id order by at, id
				""")
			.bind("id", requestId)
			.map((row) -> new Transition(
					(row.get("from_state", String.class) != null) ? RequestState.of(row.get("from_state", String.class))
							: null,
					RequestState.of(row.get("to_state", String.class)), row.get("actor", String.class),
					row.get("reason", String.class), row.get("event_id", Long.class),
					row.get("at", java.time.Instant.class)))
			.all();
	}

	static Request request(Readable row) {
		Long[] events = row.get("event_ids", Long[].class);
		return new Request(row.get("id", Long.class), row.get("network_id", Long.class),
				row.get("school_year", Integer.class), row.get("practice_id", Long.class),
				row.get("practice_title", String.class), row.get("direction", String.class),
				row.get("applicant_id", Long.class), row.get("applicant_name", String.class),
				row.get("executor_id", Long.class), row.get("executor_name", String.class),
				RequestState.of(row.get("state", String.class)), row.get("desired_format", String.class),
				row.get("period_from", LocalDate.class), row.get("period_to", LocalDate.class),
				row.get("teachers_count", Integer.class), row.get("comment", String.class),
				row.get("decline_reason", String.class),
				(events != null) ? new ArrayList<>(Arrays.asList(events)) : List.of(),
				row.get("submitted_at", java.time.Instant.class), row.get("updated_at", java.time.Instant.class));
	}

	/**
	 * The outcome of a command.
	 *
	 * @param applied false when the command had been carried out before (a retry with the
	 * same client id), so nothing changed now
	 */
	public record Result(Request request, boolean applied) {
	}

	/**
	 * One move of a request.
	 *
	 * @param from where it was, {@code null} for its filing
	 * @param actor the login of who moved it, or {@code system}
	 * @param eventId the event of a scheduling or a delivery
	 */
	public record Transition(RequestState from, RequestState to, String actor, String reason, Long eventId,
			java.time.Instant at) {
	}

	private record PracticeFacts(NetworkId network, OrganisationId executor) {
	}

	private record RequestFacts(RequestState state, NetworkId network, OrganisationId applicant,
			OrganisationId executor) {
	}

}
