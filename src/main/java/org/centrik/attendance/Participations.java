package org.centrik.attendance;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The attendance register: every participation of every event.
 */
@Service
public class Participations {

	private final DatabaseClient database;

	private final Schedule schedule;

	Participations(DatabaseClient database, Schedule schedule) {
		this.database = database;
		this.schedule = schedule;
	}

	/**
	 * The participations of an event in the order they were recorded; fails if there is
	 * no such event.
	 */
	public Flux<Participation> ofEvent(EventId event) {
		return this.schedule.event(event).thenMany(this.database.sql("""
				select p.id, p.event_id, p.teacher_id,
				       concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name,
				       o.id as organisation_id, o.name as organisation_name,
				       p.role, p.method, p.status, p.recorded_at
				from participations p
				join teachers t on t.id = p.teacher_id
				join organisations o on o.id = t.organisation_id
				where p.event_id = :event
				order by p.recorded_at, p.id
				""").bind("event", event.value()).map((row) -> participation(row)).all());
	}

	private static Participation participation(Readable row) {
		return new Participation(row.get("id", Long.class), row.get("event_id", Long.class),
				row.get("teacher_id", Long.class), row.get("teacher_name", String.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				Participation.Role.valueOf(row.get("role", String.class).toUpperCase()),
				Participation.Method.valueOf(row.get("method", String.class).toUpperCase()),
				Participation.Status.valueOf(row.get("status", String.class).toUpperCase()),
				row.get("recorded_at", Instant.class));
	}

}
