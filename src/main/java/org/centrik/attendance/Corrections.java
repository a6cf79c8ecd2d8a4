package org.centrik.attendance;

import java.time.Instant;
import java.util.UUID;

import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

/**
 * Changes an existing participation — its role, or present/removed — and keeps every
 * change in {@code participation_corrections}, with the attendance and card topics told
 * in the same transaction. Also finds what an earlier command (by its client id) did.
 */
@Component
class Corrections {

	private final DatabaseClient database;

	private final Participations participations;

	private final ChangeLog changes;

	Corrections(DatabaseClient database, Participations participations, ChangeLog changes) {
		this.database = database;
		this.participations = participations;
		this.changes = changes;
	}

	/**
	 * Changes the participation, locked for the rest of the caller's transaction; a
	 * change to what it already is writes nothing.
	 * @param role the new role, or {@code null} to keep it
	 * @return the participation as it is now, and whether it changed
	 */
	Mono<Changed> change(long participationId, Participation.Role role, Participation.Status status, String reason,
			String by, UUID clientId) {
		return this.database.sql("select role, status from participations where id = :id for update")
			.bind("id", participationId)
			.map((row) -> new String[] { row.get("role", String.class), row.get("status", String.class) })
			.one()
			.flatMap((current) -> {
				String toRole = (role != null) ? code(role) : current[0];
				String toStatus = code(status);
				if (toRole.equals(current[0]) && toStatus.equals(current[1])) {
					return this.participations.participation(participationId)
						.map((participation) -> new Changed(participation, false, current[0], current[1]));
				}
				GenericExecuteSpec insert = this.database
					.sql("""
							insert into participation_corrections
							    (participation_id, from_role, to_role, from_status, to_status, reason, corrected_by, client_id)
							values (:participation, :fromRole, :toRole, :fromStatus, :toStatus, :reason, :by, :clientId)
							""")
					.bind("participation", participationId)
					.bind("fromRole", current[0])
					.bind("toRole", toRole)
					.bind("fromStatus", current[1])
					.bind("toStatus", toStatus)
					.bind("reason", reason)
					.bind("by", by);
				insert = (clientId != null) ? insert.bind("clientId", clientId)
						: insert.bindNull("clientId", UUID.class);
				return this.database.sql("update participations set role = :role, status = :status where id = :id")
					.bind("role", toRole)
					.bind("status", toStatus)
					.bind("id", participationId)
					.then()
					.then(insert.then())
					.then(publish(participationId))
					.map((participation) -> new Changed(participation, true, current[0], current[1]));
			});
	}

	/** Tells the attendance and card topics that the participation changed. */
	Mono<Participation> publish(long participationId) {
		return this.participations.participation(participationId)
			.flatMap((participation) -> this.changes
				.append(Topic.attendance(participation.eventId()), "participation.corrected", participation)
				.then(this.participations.cardEntry(participationId))
				.flatMap((entry) -> this.changes.append(Topic.card(participation.teacherId()),
						"participation.corrected", entry))
				.thenReturn(participation));
	}

	/**
	 * The participation an earlier command with this client id created or changed, if
	 * any.
	 */
	Mono<Command> command(UUID clientId) {
		return this.database.sql("""
				select p.id, p.event_id, p.teacher_id from participations p where p.client_id = :clientId
				union all
				select p.id, p.event_id, p.teacher_id from participation_corrections c
				join participations p on p.id = c.participation_id where c.client_id = :clientId
				limit 1
				""")
			.bind("clientId", clientId)
			.map((row) -> new Command(row.get("id", Long.class), row.get("event_id", Long.class),
					row.get("teacher_id", Long.class)))
			.one();
	}

	/** The history of an event's corrections, oldest first. */
	Flux<Correction> ofEvent(long eventId) {
		return this.database.sql("""
				select c.id, c.participation_id, p.teacher_id,
				       concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name,
				       c.from_role, c.to_role, c.from_status, c.to_status, c.reason, c.corrected_by, c.corrected_at
				from participation_corrections c join participations p on p.id = c.participation_id
				join teachers t on t.id = p.teacher_id
				where p.event_id = :event order by c.corrected_at, c.id
				""")
			.bind("event", eventId)
			.map((row) -> new Correction(row.get("id", Long.class), row.get("participation_id", Long.class),
					row.get("teacher_id", Long.class), row.get("teacher_name", String.class),
					row.get("from_role", String.class), row.get("to_role", String.class),
					row.get("from_status", String.class), row.get("to_status", String.class),
					row.get("reason", String.class), row.get("corrected_by", String.class),
					row.get("corrected_at", Instant.class)))
			.all();
	}

	static String code(Enum<?> value) {
		return value.name().toLowerCase();
	}

	/**
	 * @param changed false when it already was so
	 * @param fromRole the role before
	 * @param fromStatus the status before
	 */
	record Changed(Participation participation, boolean changed, String fromRole, String fromStatus) {
	}

	record Command(long participationId, long eventId, long teacherId) {
	}

	/** One entry of the history of an event's attendance. */
	record Correction(long id, long participationId, long teacherId, String teacherName, String fromRole, String toRole,
			String fromStatus, String toStatus, String reason, String correctedBy, Instant correctedAt) {
	}

}
