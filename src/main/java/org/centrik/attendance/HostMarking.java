package org.centrik.attendance;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Events;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Actor;
import org.centrik.security.AuditAction;
import org.centrik.security.AuditLog;
import org.centrik.security.Caller;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What the host of an event (or the coordinator) does with its attendance: marks a
 * teacher present as a listener or a presenter, undoes a mark, corrects afterwards with a
 * reason (audited), and closes attendance. Every command carries a client id; a retry
 * returns the participation as the first one left it and writes nothing.
 */
@Service
class HostMarking {

	static final String MARK_REASON = "Отметка ведущего";

	static final String UNDO_REASON = "Отмена отметки ведущим";

	private final Access access;

	private final Schedule schedule;

	private final Attendance attendance;

	private final Participations participations;

	private final Corrections corrections;

	private final AuditLog audit;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Events events;

	HostMarking(Access access, Schedule schedule, Events events, Attendance attendance, Participations participations,
			Corrections corrections, AuditLog audit, DatabaseClient database, TransactionalOperator transaction,
			ObjectProvider<Clock> clock) {
		this.access = access;
		this.schedule = schedule;
		this.events = events;
		this.attendance = attendance;
		this.participations = participations;
		this.corrections = corrections;
		this.audit = audit;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Marks during the check-in window: present (as the role, by default a presenter if
	 * the teacher is one of the event's presenters) or, with {@code present} false,
	 * undoes the mark. After the window, corrections take over.
	 */
	Mono<Participation> mark(Caller caller, long eventId, MarkRequest request) {
		return Mono.defer(() -> {
			request.validate();
			return this.access.eventHost(caller, eventId)
				.then(this.schedule.event(new EventId(eventId)))
				.flatMap((event) -> repeated(request.clientId(), eventId, request.teacherId())
					.switchIfEmpty(Mono.defer(() -> open(event).then(member(event, request.teacherId()))
						.then(apply(event, request.teacherId(), Participation.Role.of(request.role()),
								request.present(), MARK_REASON, UNDO_REASON, by(caller), request.clientId(), false))
						.map(Corrections.Changed::participation))));
		}).as(this.transaction::transactional);
	}

	/**
	 * Corrects attendance at any time after the window opened, with a reason kept in the
	 * history and in the audit log ({@code attendance_corrected}). A teacher who was not
	 * recorded at all can be added.
	 */
	Mono<Participation> correct(Caller caller, long eventId, CorrectionRequest request, String address) {
		return Mono.defer(() -> {
			request.validate();
			return this.access.eventHost(caller, eventId)
				.then(this.schedule.event(new EventId(eventId)))
				.flatMap((event) -> repeated(request.clientId(), eventId, request.teacherId())
					.switchIfEmpty(Mono.defer(() -> notCancelled(event).then(opened(event))
						.then(member(event, request.teacherId()))
						.then(apply(event, request.teacherId(), Participation.Role.of(request.role()),
								request.present(), request.reason().trim(), request.reason().trim(), by(caller),
								request.clientId(), true))
						.flatMap((changed) -> changed.changed()
								? audit(caller, address, event, request, changed).thenReturn(changed.participation())
								: Mono.just(changed.participation())))));
		}).as(this.transaction::transactional);
	}

	/**
	 * Closes attendance: later scans are refused (those made before may still arrive from
	 * offline phones) and the event is finished. Closing again changes nothing.
	 */
	Mono<Event> close(Caller caller, long eventId) {
		return this.access.eventHost(caller, eventId)
			.then(this.schedule.event(new EventId(eventId)))
			.flatMap((event) -> notCancelled(event).then(opened(event))
				.then(this.database.sql("""
						insert into attendance_closures (event_id, closed_by) values (:event, :by)
						on conflict do nothing
						""").bind("event", eventId).bind("by", by(caller)).then())
				// finishing delivers the requests the event answers (the events module's
				// lifecycle calls the matrix's Requests.deliverAnsweredBy), in this
				// transaction
				.then(this.events.finish(new EventId(eventId), caller)))
			.as(this.transaction::transactional);
	}

	private Mono<Corrections.Changed> apply(Event event, long teacherId, Participation.Role role, boolean present,
			String reasonPresent, String reasonRemoved, String by, UUID clientId, boolean correction) {
		Participation.Status status = present ? Participation.Status.PRESENT : Participation.Status.REMOVED;
		String reason = present ? reasonPresent : reasonRemoved;
		return existing(event.id(), teacherId)
			.flatMap((id) -> this.corrections.change(id, role, status, reason, by, clientId))
			.switchIfEmpty(Mono.defer(() -> {
				if (!present) {
					return Mono.error(
							new NotFoundException("participation of teacher " + teacherId + " in event", event.id()));
				}
				Instant now = this.clock.instant();
				Instant at = (correction && now.isAfter(event.endsAt())) ? event.startsAt() : now;
				return defaultRole(event.id(), teacherId, role)
					.flatMap((chosen) -> this.attendance.record(new EventId(event.id()), new TeacherId(teacherId),
							chosen, Participation.Method.HOST_MARKED, clientId, at, by))
					.flatMap((recorded) -> {
						if (!recorded.created()) {
							// checked in at this very moment by the teacher or another
							// host
							return this.corrections.change(recorded.participation().participationId(), role, status,
									reason, by, null);
						}
						return correction ? addedByCorrection(recorded.participation(), reason, by)
								: Mono.just(new Corrections.Changed(recorded.participation(), true, null, "removed"));
					});
			}));
	}

	private Mono<Long> existing(long eventId, long teacherId) {
		return this.database.sql("select id from participations where event_id = :event and teacher_id = :teacher")
			.bind("event", eventId)
			.bind("teacher", teacherId)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	/** A participation a correction adds is kept in the history as removed → present. */
	private Mono<Corrections.Changed> addedByCorrection(Participation added, String reason, String by) {
		return this.database.sql("""
				insert into participation_corrections (participation_id, from_role, to_role, from_status, to_status,
				    reason, corrected_by)
				values (:participation, null, :role, 'removed', 'present', :reason, :by)
				""")
			.bind("participation", added.participationId())
			.bind("role", Corrections.code(added.role()))
			.bind("reason", reason)
			.bind("by", by)
			.then()
			.thenReturn(new Corrections.Changed(added, true, null, "removed"));
	}

	private Mono<Participation.Role> defaultRole(long eventId, long teacherId, Participation.Role role) {
		if (role != null) {
			return Mono.just(role);
		}
		return this.database
			.sql("select exists (select 1 from event_presenters where event_id = :event and teacher_id = :teacher)"
					+ " as presenter")
			.bind("event", eventId)
			.bind("teacher", teacherId)
			.map((row) -> Boolean.TRUE.equals(row.get("presenter", Boolean.class)) ? Participation.Role.PRESENTER
					: Participation.Role.LISTENER)
			.one();
	}

	private Mono<Participation> repeated(UUID clientId, long eventId, long teacherId) {
		return this.corrections.command(clientId)
			.flatMap((command) -> (command.eventId() == eventId && command.teacherId() == teacherId)
					? this.participations.participation(command.participationId())
					: Mono.error(new IllegalArgumentException(
							"Client id " + clientId + " was used for another command: generate a new one.")));
	}

	/** The teacher exists and their organisation is a member of the event's network. */
	private Mono<Void> member(Event event, long teacherId) {
		return this.database.sql("""
				select exists (select 1 from agreements a where a.organisation_id = t.organisation_id
				    and a.network_id = :network and a.valid_from <= current_date
				    and (a.valid_to is null or a.valid_to >= current_date)) as member
				from teachers t where t.id = :teacher
				""")
			.bind("network", event.networkId())
			.bind("teacher", teacherId)
			.map((row) -> Boolean.TRUE.equals(row.get("member", Boolean.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", teacherId)))
			.flatMap((member) -> member ? Mono.<Void>empty() : Mono.error(AttendanceRefusal.notMember(teacherId)));
	}

	/** Marking is for the check-in window while attendance is open. */
	private Mono<Void> open(Event event) {
		Instant now = this.clock.instant();
		return notCancelled(event).then(Mono.defer(() -> {
			if (event.state() == Event.State.FINISHED || !event.checkInOpenAt(now)) {
				return Mono.error(AttendanceRefusal.outsideWindow(
						"Marking is open from " + event.checkInOpensAt() + " to " + event.checkInClosesAt()
								+ " until attendance is closed; afterwards, correct with a reason.",
						event.checkInOpensAt(), event.checkInClosesAt()));
			}
			return Mono.empty();
		}));
	}

	private Mono<Void> opened(Event event) {
		return this.clock.instant().isBefore(event.checkInOpensAt())
				? Mono.error(AttendanceRefusal.outsideWindow("Attendance opens at " + event.checkInOpensAt() + ".",
						event.checkInOpensAt(), event.checkInClosesAt()))
				: Mono.empty();
	}

	private static Mono<Void> notCancelled(Event event) {
		return (event.state() == Event.State.CANCELLED) ? Mono.error(AttendanceRefusal.eventCancelled(event.id()))
				: Mono.empty();
	}

	private Mono<Void> audit(Caller caller, String address, Event event, CorrectionRequest request,
			Corrections.Changed changed) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("event", event.id());
		details.put("teacher", request.teacherId());
		details.put("participation", changed.participation().participationId());
		details.put("fromRole", changed.fromRole());
		details.put("toRole", Corrections.code(changed.participation().role()));
		details.put("fromStatus", changed.fromStatus());
		details.put("toStatus", Corrections.code(changed.participation().status()));
		details.put("reason", request.reason().trim());
		return this.audit.record(new Actor(caller.user(), caller.login(), address), AuditAction.ATTENDANCE_CORRECTED,
				"participation:" + changed.participation().participationId(), details);
	}

	private static String by(Caller caller) {
		return "host:" + caller.login();
	}

	/**
	 * A host's mark.
	 *
	 * @param clientId the client's id of this command
	 * @param teacherId who
	 * @param role listener or presenter; {@code null} keeps the role (or, for a new
	 * participation, a presenter of the event is a presenter)
	 * @param present false to undo; {@code null} means true
	 */
	record MarkRequest(UUID clientId, Long teacherId, String role, Boolean present) {

		void validate() {
			if (this.clientId == null || this.teacherId == null) {
				throw new IllegalArgumentException("A mark needs clientId and teacherId.");
			}
			Participation.Role.of(this.role);
		}

		@Override
		public Boolean present() {
			return this.present == null || this.present;
		}

	}

	/**
	 * A correction: as a mark, with the reason required.
	 */
	record CorrectionRequest(UUID clientId, Long teacherId, String role, Boolean present, String reason) {

		void validate() {
			if (this.clientId == null || this.teacherId == null) {
				throw new IllegalArgumentException("A correction needs clientId and teacherId.");
			}
			if (this.reason == null || this.reason.isBlank()) {
				throw new IllegalArgumentException("A correction needs a reason.");
			}
			Participation.Role.of(this.role);
		}

		@Override
		public Boolean present() {
			return this.present == null || this.present;
		}

	}

}
