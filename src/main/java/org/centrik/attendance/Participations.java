package org.centrik.attendance;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The attendance register: every participation of every event.
 */
@Service
public class Participations {

	private static final String SELECT = """
			select p.id, p.event_id, p.teacher_id,
			       concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name,
			       o.id as organisation_id, o.name as organisation_name,
			       p.role, p.method, p.status, p.recorded_at
			from participations p
			join teachers t on t.id = p.teacher_id
			join organisations o on o.id = t.organisation_id
			""";

	// the school year of an event is named by the year it starts in (1 September to 31
	// August)
	private static final String CARD = """
			select p.id as participation_id, p.event_id, e.title as event_title, p.role, p.status, e.starts_at,
			       extract(year from (e.starts_at at time zone e.time_zone) - interval '8 months')::int as school_year
			from participations p
			join events e on e.id = p.event_id
			""";

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
		return this.schedule.event(event)
			.thenMany(this.database.sql(SELECT + " where p.event_id = :event order by p.recorded_at, p.id")
				.bind("event", event.value())
				.map((row) -> participation(row))
				.all());
	}

	/** One participation, whatever its status. */
	Mono<Participation> participation(long participationId) {
		return this.database.sql(SELECT + " where p.id = :id")
			.bind("id", participationId)
			.map((row) -> participation(row))
			.one();
	}

	/**
	 * Every participation of a teacher, as activity-card entries, earliest event first.
	 */
	public Flux<CardEntry> ofTeacher(long teacherId) {
		return this.database.sql(CARD + " where p.teacher_id = :teacher order by e.starts_at, p.id")
			.bind("teacher", teacherId)
			.map((row) -> cardEntry(row))
			.all();
	}

	Mono<CardEntry> cardEntry(long participationId) {
		return this.database.sql(CARD + " where p.id = :id")
			.bind("id", participationId)
			.map((row) -> cardEntry(row))
			.one();
	}

	private static CardEntry cardEntry(Readable row) {
		return new CardEntry(row.get("participation_id", Long.class), row.get("event_id", Long.class),
				row.get("event_title", String.class),
				Participation.Role.valueOf(row.get("role", String.class).toUpperCase()),
				Participation.Status.valueOf(row.get("status", String.class).toUpperCase()),
				row.get("starts_at", Instant.class), row.get("school_year", Integer.class));
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
