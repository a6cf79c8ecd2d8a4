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
	 * command or this teacher and event
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
			.flatMap((id) -> publishRecorded(id).map((participation) -> new Recorded(participation, true)))
			.switchIfEmpty(Mono.defer(() -> earlier(event, teacher, clientId)));
	}

	private Mono<Participation> publishRecorded(long id) {
		return this.participations.participation(id)
			.flatMap((participation) -> this.changes
				.append(Topic.attendance(participation.eventId()), "participation.recorded", participation)
				.then(this.participations.cardEntry(id))
				.flatMap((entry) -> this.changes.append(Topic.card(participation.teacherId()), "participation.recorded",
						entry))
				.thenReturn(participation));
	}

	private Mono<Recorded> earlier(EventId event, TeacherId teacher, UUID clientId) {
		return this.database.sql("select id from participations where client_id = :clientId"
				+ " or (event_id = :event and teacher_id = :teacher) order by (client_id = :clientId) is true desc limit 1")
			.bind("clientId", clientId)
			.bind("event", event.value())
			.bind("teacher", teacher.value())
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap(this.participations::participation)
			.map((participation) -> new Recorded(participation, false));
	}

	/**
	 * The outcome of a record command.
	 *
	 * @param created false when the command had been carried out before, or the teacher
	 * was already recorded for the event
	 */
	public record Recorded(Participation participation, boolean created) {
	}

}
