package org.centrik.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Caller;
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

	private final Schedule schedule;

	private final CheckInCodes codes;

	private final Attendance attendance;

	private final Participations participations;

	private final Corrections corrections;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final AttendanceProperties properties;

	private final Clock clock;

	CheckIns(Access access, CheckInThrottle throttle, Schedule schedule, CheckInCodes codes, Attendance attendance,
			Participations participations, Corrections corrections, DatabaseClient database,
			TransactionalOperator transaction, AttendanceProperties properties, ObjectProvider<Clock> clock) {
		this.access = access;
		this.throttle = throttle;
		this.schedule = schedule;
		this.codes = codes;
		this.attendance = attendance;
		this.participations = participations;
		this.corrections = corrections;
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
	 */
	Mono<CheckInResult> checkIn(Caller caller, long eventId, CheckInRequest request) {
		Instant received = this.clock.instant();
		return Mono.defer(() -> {
			request.validate();
			Duration wait = this.throttle.attempt(caller.user(), eventId);
			if (!wait.isZero()) {
				return Mono.error(AttendanceRefusal.tooManyAttempts(Math.max(1, (wait.toMillis() + 999) / 1000)));
			}
			return this.access.selfCheckIn(caller, eventId)
				.flatMap((teacher) -> this.schedule.event(new EventId(eventId))
					.flatMap((event) -> checkIn(event, teacher, request, received, caller.login())));
		});
	}

	private Mono<CheckInResult> checkIn(Event event, TeacherId teacher, CheckInRequest request, Instant received,
			String login) {
		if (event.state() == Event.State.CANCELLED) {
			return Mono.error(AttendanceRefusal.eventCancelled(event.id()));
		}
		Instant scanned = request.scanTime(received);
		if (scanned.isAfter(received.plus(this.properties.clockSkew()))) {
			return Mono.error(new IllegalArgumentException("scannedAt is in the future: check the phone's clock."));
		}
		return this.repeated(request.clientId(), event.id(), teacher)
			.switchIfEmpty(Mono.defer(
					() -> window(event, scanned, received).then(this.codes.verify(event.id(), request.code(), scanned))
						.flatMap((verdict) -> switch (verdict) {
							case EXPIRED -> Mono.error(AttendanceRefusal.codeExpired());
							case INVALID -> Mono.error(AttendanceRefusal.codeInvalid());
							default -> record(event, teacher, verdict.method(), request.clientId(), scanned, login);
						})));
	}

	/** The first result of this command, when it was carried out before. */
	private Mono<CheckInResult> repeated(UUID clientId, long eventId, TeacherId teacher) {
		return this.corrections.command(clientId)
			.flatMap((command) -> (command.eventId() == eventId && command.teacherId() == teacher.value())
					? this.participations.participation(command.participationId())
						.map((participation) -> new CheckInResult(participation, false))
					: Mono.error(new IllegalArgumentException(
							"Client id " + clientId + " was used for another command: generate a new one.")));
	}

	/**
	 * Scanned inside the window and before attendance was closed, and arrived no later
	 * than {@code lateArrival} after the window closed.
	 */
	private Mono<Void> window(Event event, Instant scanned, Instant received) {
		if (scanned.isBefore(event.checkInOpensAt()) || scanned.isAfter(event.checkInClosesAt())) {
			return Mono
				.error(AttendanceRefusal.outsideWindow(
						"Check-in is open from " + event.checkInOpensAt() + " to " + event.checkInClosesAt()
								+ "; the scan was at " + scanned + ".",
						event.checkInOpensAt(), event.checkInClosesAt()));
		}
		if (received.isAfter(event.checkInClosesAt().plus(this.properties.lateArrival()))) {
			return Mono.error(AttendanceRefusal.outsideWindow("The check-in arrived too late: at most "
					+ this.properties.lateArrival().toHours() + " h after the window closed.", event.checkInOpensAt(),
					event.checkInClosesAt()));
		}
		return this.database.sql("select closed_at from attendance_closures where event_id = :event")
			.bind("event", event.id())
			.map((row) -> row.get("closed_at", Instant.class))
			.one()
			.filter(scanned::isAfter)
			.flatMap((closedAt) -> Mono.error(
					AttendanceRefusal.outsideWindow("The host closed attendance at " + closedAt + ", before the scan.",
							event.checkInOpensAt(), event.checkInClosesAt())));
	}

	private Mono<CheckInResult> record(Event event, TeacherId teacher, Participation.Method method, UUID clientId,
			Instant scanned, String login) {
		return this.database
			.sql("select exists (select 1 from event_presenters where event_id = :event and teacher_id = :teacher)"
					+ " as presenter")
			.bind("event", event.id())
			.bind("teacher", teacher.value())
			.map((row) -> Boolean.TRUE.equals(row.get("presenter", Boolean.class)))
			.one()
			.flatMap((presenter) -> this.attendance.record(new EventId(event.id()), teacher,
					presenter ? Participation.Role.PRESENTER : Participation.Role.LISTENER, method, clientId, scanned,
					"self:" + login))
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
