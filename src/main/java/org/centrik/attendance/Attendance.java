package org.centrik.attendance;

import java.time.Instant;
import java.util.UUID;

import org.centrik.events.EventId;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records participations. Every command carries the client's id: a retry of the same
 * command returns the first result and changes nothing, and a teacher is never counted
 * twice for one event.
 */
@Service
public class Attendance {

	private final DatabaseClient database;

	private final Participations participations;

	private final ChangeLog changes;

	Attendance(DatabaseClient database, Participations participations, ChangeLog changes) {
		this.database = database;
		this.participations = participations;
		this.changes = changes;
	}

	/**
	 * Records that a teacher took part in an event, together with its changes to the
	 * event's attendance and the teacher's card, in one transaction.
	 * @param clientId the client-generated id of this command
	 * @param recordedAt when it really happened (a phone that was offline sends it later)
	 * @return the recorded participation: new, or the one recorded earlier for this
	 * command or this teacher and event; fails with an {@link IllegalArgumentException}
	 * when the client id was used for another teacher or event
	 */
	@Transactional
	public Mono<Recorded> record(EventId event, TeacherId teacher, Participation.Role role, Participation.Method method,
			UUID clientId, Instant recordedAt, String recordedBy) {
		return this.database.sql("""
				insert into participations (event_id, teacher_id, role, method, recorded_at, client_id, recorded_by)
				values (:event, :teacher, :role, :method, :recordedAt, :clientId, :recordedBy)
				on conflict do nothing
				returning id
				""")
			.bind("event", event.value())
			.bind("teacher", teacher.value())
			.bind("role", role.name().toLowerCase())
			.bind("method", method.name().toLowerCase())
			.bind("recordedAt", recordedAt)
			.bind("clientId", clientId)
			.bind("recordedBy", recordedBy)
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((id) -> publishRecorded(id).map((participation) -> new Recorded(participation, true, false)))
			.switchIfEmpty(Mono.defer(() -> earlier(event, teacher, clientId)));
	}

	/**
	 * Tells the attendance and card topics of a new participation, in the caller's
	 * transaction.
	 */
	Mono<Participation> publishRecorded(long id) {
		return this.participations.participation(id)
			.flatMap((participation) -> this.changes
				.append(Topic.attendance(participation.eventId()), "participation.recorded", participation)
				.then(this.participations.cardEntry(id))
				.flatMap((entry) -> this.changes.append(Topic.card(participation.teacherId()), "participation.recorded",
						entry))
				.thenReturn(participation));
	}

	private Mono<Recorded> earlier(EventId event, TeacherId teacher, UUID clientId) {
		return this.database.sql("""
				select id, (client_id = :clientId) is true as repeated, event_id, teacher_id from participations
				where client_id = :clientId or (event_id = :event and teacher_id = :teacher)
				order by (client_id = :clientId) is true desc limit 1
				""")
			.bind("clientId", clientId)
			.bind("event", event.value())
			.bind("teacher", teacher.value())
			.map((row) -> new Earlier(row.get("id", Long.class),
					Boolean.TRUE.equals(row.get("repeated", Boolean.class)),
					row.get("event_id", Long.class) == event.value()
							&& row.get("teacher_id", Long.class) == teacher.value()))
			.one()
			.flatMap((earlier) -> earlier.sameParticipation()
					? this.participations.participation(earlier.id())
						.map((participation) -> new Recorded(participation, false, earlier.repeated()))
					: Mono.error(new IllegalArgumentException(
							"Client id " + clientId + " was used for another command: generate a new one.")));
	}

	private record Earlier(long id, boolean repeated, boolean sameParticipation) {
	}

	/**
	 * The outcome of a record command.
	 *
	 * @param created false when the command had been carried out before, or the teacher
	 * was already recorded for the event
	 * @param repeated whether this very command (its client id) had been carried out
	 * before
	 */
	public record Recorded(Participation participation, boolean created, boolean repeated) {
	}

}
