package org.centrik.attendance;

import java.time.Instant;

import io.r2dbc.spi.Readable;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The host's list of an event: who registered, who is in, and — when searching by name or
 * organisation — any teacher of the network's member organisations, so that a walk-in can
 * be marked too.
 */
@Service
class Roster {

	/** The most teachers a search returns beyond the registered and those in. */
	static final int SEARCH_LIMIT = 50;

	private static final String ROSTER = """
			with event as (select id, network_id from events where id = :event),
			listed as (
			    select r.teacher_id from event_registrations r where r.event_id = :event and r.status <> 'cancelled'
			    union select p.teacher_id from participations p where p.event_id = :event
			    union select s.teacher_id from event_presenters s where s.event_id = :event),
			found as (
			    select t.id as teacher_id from teachers t
			    join agreements a on a.organisation_id = t.organisation_id and a.network_id = (select network_id from event)
			        and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
			    join organisations o on o.id = t.organisation_id
			    where :search and t.id not in (select teacher_id from listed)
			        and (concat_ws(' ', t.last_name, t.first_name, t.middle_name) ilike :pattern
			             or o.name ilike :pattern or coalesce(o.short_name, '') ilike :pattern
			             or coalesce(t.email, '') ilike :pattern)
			    order by t.last_name, t.first_name limit :limit),
			everyone as (select teacher_id from listed union select teacher_id from found)
			select t.id as teacher_id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name,
			       o.id as organisation_id, o.name as organisation_name,
			       r.status as registration, (s.teacher_id is not null) as presenter,
			       p.id as participation_id, p.role, p.status, p.method, p.recorded_at
			from everyone e
			join teachers t on t.id = e.teacher_id
			join organisations o on o.id = t.organisation_id
			left join event_registrations r on r.event_id = :event and r.teacher_id = t.id
			left join event_presenters s on s.event_id = :event and s.teacher_id = t.id
			left join participations p on p.event_id = :event and p.teacher_id = t.id
			where not :search
			    or concat_ws(' ', t.last_name, t.first_name, t.middle_name) ilike :pattern
			    or o.name ilike :pattern or coalesce(o.short_name, '') ilike :pattern
			    or coalesce(t.email, '') ilike :pattern
			order by t.last_name, t.first_name, t.id
			""";

	private final Access access;

	private final Schedule schedule;

	private final DatabaseClient database;

	Roster(Access access, Schedule schedule, DatabaseClient database) {
		this.access = access;
		this.schedule = schedule;
		this.database = database;
	}

	/**
	 * The roster; with {@code query}, only the entries whose name, organisation or e-mail
	 * contains it, and up to {@link #SEARCH_LIMIT} more teachers of member organisations.
	 */
	Flux<Entry> of(Caller caller, long eventId, String query) {
		boolean search = query != null && !query.isBlank();
		String pattern = search ? "%" + query.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
				: "%";
		return this.access.eventRoster(caller, eventId)
			.then(this.schedule.event(new EventId(eventId)))
			.thenMany(this.database.sql(ROSTER)
				.bind("event", eventId)
				.bind("search", search)
				.bind("pattern", pattern)
				.bind("limit", SEARCH_LIMIT)
				.map((row) -> entry(row))
				.all());
	}

	private static Entry entry(Readable row) {
		String role = row.get("role", String.class);
		String status = row.get("status", String.class);
		String method = row.get("method", String.class);
		return new Entry(row.get("teacher_id", Long.class), row.get("teacher_name", String.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				row.get("registration", String.class), Boolean.TRUE.equals(row.get("presenter", Boolean.class)),
				row.get("participation_id", Long.class), role, status, method, row.get("recorded_at", Instant.class));
	}

	/**
	 * One teacher of the roster.
	 *
	 * @param registration {@code registered}, {@code waitlisted}, or {@code null} when
	 * not registered
	 * @param presenter whether the teacher is one of the event's presenters
	 * @param participationId the participation, or {@code null} when not recorded
	 * @param role listener or presenter, when recorded
	 * @param status present or removed, when recorded
	 * @param method how it was recorded
	 * @param recordedAt when
	 */
	record Entry(long teacherId, String teacherName, long organisationId, String organisationName, String registration,
			boolean presenter, Long participationId, String role, String status, String method, Instant recordedAt) {
	}

}
