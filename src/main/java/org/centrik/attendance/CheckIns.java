package org.centrik.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.centrik.events.EventId;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A teacher checks themself in with the code on the host's screen, from a phone that may
 * have been offline: the scan time counts, not the arrival. Refusals carry a code
 * ({@link AttendanceRefusal}); a retry with the same client id returns the first result.
 */
@Service
class CheckIns {

	private final Access access;

	private final CheckInThrottle throttle;

	private final CheckInCodes codes;

	private final Attendance attendance;

	private final Participations participations;

	private final Corrections corrections;

	private final ChangeLog changes;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final AttendanceProperties properties;

	private final Clock clock;

	private final GroupCommit<NewParticipation, Long> writes = new GroupCommit<>(this::writeAll, 500);

	CheckIns(Access access, CheckInThrottle throttle, CheckInCodes codes, Attendance attendance,
			Participations participations, Corrections corrections, ChangeLog changes, DatabaseClient database,
			TransactionalOperator transaction, AttendanceProperties properties, ObjectProvider<Clock> clock) {
		this.access = access;
		this.throttle = throttle;
		this.codes = codes;
		this.attendance = attendance;
		this.participations = participations;
		this.corrections = corrections;
		this.changes = changes;
		this.database = database;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Checks the caller in. The order of the checks: who (a teacher, themself), how
	 * often, the event (exists, not cancelled, a member's), a repeat of an earlier
	 * command, the time (inside the window, arrived in time), the code at scan time, then
	 * the one participation per teacher and event.
	 * <p>
	 * A check-in is the hot path of an event's first minutes, so it makes three
	 * statements where it can: the caller's right ({@link Access#selfCheckIn}) and
	 * everything else it must know ({@link Facts}) read at the same time, then the
	 * participation and its two change-log rows written by one statement (its own
	 * transaction), shared with the check-ins that arrived while the previous one
	 * committed: one commit for a burst. Only a check-in that meets an existing
	 * participation takes the longer way, in a transaction.
	 */
	Mono<CheckInResult> checkIn(Caller caller, long eventId, CheckInRequest request) {
		Instant received = this.clock.instant();
		return Mono.defer(() -> {
			request.validate();
			Duration wait = this.throttle.attempt(caller.user(), eventId);
			if (!wait.isZero()) {
				return Mono.error(AttendanceRefusal.tooManyAttempts(Math.max(1, (wait.toMillis() + 999) / 1000)));
			}
			if (caller.teacher() == null) {
				return this.access.selfCheckIn(caller, eventId).then(Mono.empty());
			}
			// both fail alike (not_found) when there is no such event; the right's
			// refusal wins over anything the facts say
			return Mono
				.zip(this.access.selfCheckIn(caller, eventId).materialize(),
						facts(eventId, caller.teacher(), request.clientId()).materialize())
				.flatMap((both) -> both.getT1().hasError() ? Mono.error(both.getT1().getThrowable())
						: both.getT2().hasError() ? Mono.error(both.getT2().getThrowable())
								: checkIn(both.getT2().get(), caller.teacher(), request, received, caller.login()));
		});
	}

	private Mono<CheckInResult> checkIn(Facts event, TeacherId teacher, CheckInRequest request, Instant received,
			String login) {
		if (event.cancelled()) {
			return Mono.error(AttendanceRefusal.eventCancelled(event.id()));
		}
		// recorded_at keeps microseconds: what is answered now is what is read later
		Instant scanned = request.scanTime(received).truncatedTo(ChronoUnit.MICROS);
		if (scanned.isAfter(received.plus(this.properties.clockSkew()))) {
			return Mono.error(new IllegalArgumentException("scannedAt is in the future: check the phone's clock."));
		}
		if (event.repeat() != null) {
			return repeated(event.repeat(), request.clientId(), event.id(), teacher);
		}
		Mono<Void> window = window(event, scanned, received);
		if (window != null) {
			return window.cast(CheckInResult.class);
		}
		return this.codes.verify(event.id(), request.code(), scanned).flatMap((verdict) -> switch (verdict) {
			case EXPIRED -> Mono.error(AttendanceRefusal.codeExpired());
			case INVALID -> Mono.error(AttendanceRefusal.codeInvalid());
			default -> record(event, teacher, verdict.method(), request.clientId(), scanned, login);
		});
	}

	/** The first result of this command, when it was carried out before. */
	private Mono<CheckInResult> repeated(Corrections.Command command, UUID clientId, long eventId, TeacherId teacher) {
		return (command.eventId() == eventId && command.teacherId() == teacher.value())
				? this.participations.participation(command.participationId())
					.map((participation) -> new CheckInResult(participation, false))
				: Mono.error(new IllegalArgumentException(
						"Client id " + clientId + " was used for another command: generate a new one."));
	}

	/**
	 * Scanned inside the window and before attendance was closed, and arrived no later
	 * than {@code lateArrival} after the window closed; {@code null} when it was.
	 */
	private Mono<Void> window(Facts event, Instant scanned, Instant received) {
		if (scanned.isBefore(event.opensAt()) || scanned.isAfter(event.closesAt())) {
			return Mono.error(AttendanceRefusal.outsideWindow("Check-in is open from " + event.opensAt() + " to "
					+ event.closesAt() + "; the scan was at " + scanned + ".", event.opensAt(), event.closesAt()));
		}
		if (received.isAfter(event.closesAt().plus(this.properties.lateArrival()))) {
			return Mono.error(AttendanceRefusal.outsideWindow("The check-in arrived too late: at most "
					+ this.properties.lateArrival().toHours() + " h after the window closed.", event.opensAt(),
					event.closesAt()));
		}
		if (event.closedAt() != null && scanned.isAfter(event.closedAt())) {
			return Mono.error(AttendanceRefusal.outsideWindow(
					"The host closed attendance at " + event.closedAt() + ", before the scan.", event.opensAt(),
					event.closesAt()));
		}
		return null;
	}

	/**
	 * A new participation with its change-log rows on the event's attendance and the
	 * teacher's card, in one statement with the check-ins that arrive while the one
	 * before is committing ({@link GroupCommit}); when the teacher or the client id is
	 * there already, the longer way.
	 */
	private Mono<CheckInResult> record(Facts event, TeacherId teacher, Participation.Method method, UUID clientId,
			Instant scanned, String login) {
		Participation.Role role = event.presenter() ? Participation.Role.PRESENTER : Participation.Role.LISTENER;
		// the id is not known before the insert: the statement puts it into both payloads
		Participation participation = new Participation(0, event.id(), teacher.value(), event.teacherName(),
				event.organisationId(), event.organisationName(), role, method, Participation.Status.PRESENT, scanned);
		CardEntry entry = new CardEntry(0, event.id(), event.title(), role, Participation.Status.PRESENT,
				event.startsAt(), event.schoolYear());
		return this.writes
			.write(new NewParticipation(event.id(), teacher.value(), Corrections.code(role), Corrections.code(method),
					scanned, clientId, "self:" + login, Topic.attendance(event.id()).name(),
					this.changes.payload(participation).asString(), Topic.card(teacher.value()).name(),
					this.changes.payload(entry).asString()))
			.map((id) -> new CheckInResult(
					new Participation(id, participation.eventId(), participation.teacherId(),
							participation.teacherName(), participation.organisationId(),
							participation.organisationName(), role, method, Participation.Status.PRESENT, scanned),
					true))
			.switchIfEmpty(Mono.defer(() -> existing(event, teacher, role, method, clientId, scanned, login)));
	}

	/**
	 * New participations, each with its change-log rows on the event's attendance and the
	 * teacher's card, in one statement and its own transaction. A write whose teacher is
	 * in the event already, or whose client id is taken (also by an earlier write of the
	 * same batch), does not happen: its answer is empty.
	 */
	private Mono<List<Optional<Long>>> writeAll(List<NewParticipation> writes) {
		return this.database
			.sql("""
					with input as (
					    select distinct on (i.client_id) i.*
					    from unnest(:events::bigint[], :teachers::bigint[], :roles::text[], :methods::text[],
					                :recordedAts::timestamptz[], :clientIds::uuid[], :recordedBys::text[],
					                :attendanceTopics::text[], :participants::jsonb[], :cardTopics::text[], :entries::jsonb[])
					         with ordinality as i(event_id, teacher_id, role, method, recorded_at, client_id, recorded_by,
					                              attendance_topic, participant, card_topic, entry, n)
					    order by i.client_id, i.n
					), recorded as (
					    insert into participations (event_id, teacher_id, role, method, recorded_at, client_id, recorded_by)
					    select event_id, teacher_id, role, method, recorded_at, client_id, recorded_by from input order by n
					    on conflict do nothing
					    returning id, client_id
					), logged as (
					    insert into change_log (topic, type, payload)
					    select change.topic, 'participation.recorded',
					           jsonb_set(change.payload, '{participationId}', to_jsonb(recorded.id))
					    from recorded
					    join input on input.client_id = recorded.client_id
					    cross join lateral (values (1, input.attendance_topic, input.participant),
					                               (2, input.card_topic, input.entry)) as change (k, topic, payload)
					    order by input.n, change.k
					)
					select input.n, recorded.id from recorded join input on input.client_id = recorded.client_id
					""")
			.bind("events", writes.stream().map(NewParticipation::event).toArray(Long[]::new))
			.bind("teachers", writes.stream().map(NewParticipation::teacher).toArray(Long[]::new))
			.bind("roles", writes.stream().map(NewParticipation::role).toArray(String[]::new))
			.bind("methods", writes.stream().map(NewParticipation::method).toArray(String[]::new))
			.bind("recordedAts", writes.stream().map((write) -> write.recordedAt().toString()).toArray(String[]::new))
			.bind("clientIds", writes.stream().map((write) -> write.clientId().toString()).toArray(String[]::new))
			.bind("recordedBys", writes.stream().map(NewParticipation::recordedBy).toArray(String[]::new))
			.bind("attendanceTopics", writes.stream().map(NewParticipation::attendanceTopic).toArray(String[]::new))
			.bind("participants", writes.stream().map(NewParticipation::participant).toArray(String[]::new))
			.bind("cardTopics", writes.stream().map(NewParticipation::cardTopic).toArray(String[]::new))
			.bind("entries", writes.stream().map(NewParticipation::entry).toArray(String[]::new))
			.map((row) -> Map.entry(row.get("n", Long.class).intValue() - 1, row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((ids) -> {
				if (!ids.isEmpty()) {
					this.changes.committed();
				}
				List<Optional<Long>> answers = new ArrayList<>(writes.size());
				for (int i = 0; i < writes.size(); i++) {
					answers.add(Optional.ofNullable(ids.get(i)));
				}
				return answers;
			});
	}

	/**
	 * A participation to write: its columns, and the JSON of its two changes (the id is
	 * put in by the statement).
	 */
	private record NewParticipation(long event, long teacher, String role, String method, Instant recordedAt,
			UUID clientId, String recordedBy, String attendanceTopic, String participant, String cardTopic,
			String entry) {
	}

	/**
	 * The teacher is in already (or this client id was used a moment ago, or by another
	 * command): the first result, a teacher back after a host's undo, or the refusal.
	 */
	private Mono<CheckInResult> existing(Facts event, TeacherId teacher, Participation.Role role,
			Participation.Method method, UUID clientId, Instant scanned, String login) {
		return this.attendance
			.record(new EventId(event.id()), teacher, role, method, clientId, scanned, "self:" + login)
			.flatMap((recorded) -> {
				if (recorded.created() || recorded.repeated()) {
					return Mono.just(new CheckInResult(recorded.participation(), recorded.created()));
				}
				if (recorded.participation().status() == Participation.Status.REMOVED) {
					// the host had undone a mark: the teacher is here after all
					return this.corrections
						.change(recorded.participation().participationId(), null, Participation.Status.PRESENT,
								"Отметка самого педагога после отмены", "self:" + login, clientId)
						.map((changed) -> new CheckInResult(changed.participation(), true));
				}
				return Mono.error(AttendanceRefusal.alreadyCheckedIn(recorded.participation()));
			})
			.as(this.transaction::transactional);
	}

	/**
	 * Everything a check-in needs to know besides the caller's right, in one statement:
	 * the event's state and window, whether the host closed attendance, whether the
	 * teacher presents, who the teacher is (for the answer and the live payloads), and
	 * the participation an earlier command with this client id created or changed.
	 */
	private Mono<Facts> facts(long eventId, TeacherId teacher, UUID clientId) {
		return this.database
			.sql("""
					select e.id, e.state, e.title, e.starts_at,
					       e.starts_at - e.check_in_opens_before as opens_at,
					       e.ends_at + e.check_in_closes_after as closes_at,
					       extract(year from (e.starts_at at time zone e.time_zone) - interval '8 months')::int
					           as school_year,
					       (select c.closed_at from attendance_closures c where c.event_id = e.id) as closed_at,
					       exists (select 1 from event_presenters s where s.event_id = e.id and s.teacher_id = :teacher)
					           as presenter,
					       who.teacher_name, who.organisation_id, who.organisation_name,
					       earlier.id as earlier_id, earlier.event_id as earlier_event, earlier.teacher_id as earlier_teacher
					from events e
					left join lateral (
					    select concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name,
					           o.id as organisation_id, o.name as organisation_name
					    from teachers t join organisations o on o.id = t.organisation_id
					    where t.id = :teacher
					) who on true
					left join lateral (
					    select p.id, p.event_id, p.teacher_id from participations p where p.client_id = :clientId
					    union all
					    select p.id, p.event_id, p.teacher_id from participation_corrections c
					    join participations p on p.id = c.participation_id where c.client_id = :clientId
					    limit 1
					) earlier on true
					where e.id = :event
					""")
			.bind("event", eventId)
			.bind("teacher", teacher.value())
			.bind("clientId", clientId)
			.map((row) -> {
				Long earlier = row.get("earlier_id", Long.class);
				return new Facts(row.get("id", Long.class), "cancelled".equals(row.get("state", String.class)),
						row.get("title", String.class), row.get("starts_at", Instant.class),
						row.get("opens_at", Instant.class), row.get("closes_at", Instant.class),
						row.get("school_year", Integer.class), row.get("closed_at", Instant.class),
						Boolean.TRUE.equals(row.get("presenter", Boolean.class)), row.get("teacher_name", String.class),
						row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
						(earlier != null) ? new Corrections.Command(earlier, row.get("earlier_event", Long.class),
								row.get("earlier_teacher", Long.class)) : null);
			})
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", eventId)));
	}

	/**
	 * What a check-in into an event needs to know.
	 *
	 * @param closedAt when the host closed attendance, or {@code null}
	 * @param repeat what an earlier command with the same client id did, or {@code null}
	 */
	private record Facts(long id, boolean cancelled, String title, Instant startsAt, Instant opensAt, Instant closesAt,
			int schoolYear, Instant closedAt, boolean presenter, String teacherName, long organisationId,
			String organisationName, Corrections.Command repeat) {
	}

	/**
	 * A check-in as the phone sends it.
	 *
	 * @param clientId the phone's id of this check-in, kept for retries
	 * @param code the QR token or the code word
	 * @param scannedAt when the code was scanned or typed, by the phone's clock
	 * @param sentAt when the phone sent this, by the same clock: the server then takes
	 * the scan time as its own receipt time less {@code sentAt - scannedAt}, so that a
	 * phone whose clock is wrong still checks in; optional
	 */
	record CheckInRequest(UUID clientId, String code, Instant scannedAt, Instant sentAt) {

		void validate() {
			if (this.clientId == null || this.code == null || this.scannedAt == null) {
				throw new IllegalArgumentException("A check-in needs clientId, code and scannedAt.");
			}
			if (this.sentAt != null && this.sentAt.isBefore(this.scannedAt)) {
				throw new IllegalArgumentException("sentAt is before scannedAt.");
			}
		}

		Instant scanTime(Instant received) {
			return (this.sentAt != null) ? received.minus(Duration.between(this.scannedAt, this.sentAt))
					: this.scannedAt;
		}

	}

	/**
	 * @param created false when this was a retry of a check-in already recorded
	 */
	record CheckInResult(Participation participation, boolean created) {
	}

}
