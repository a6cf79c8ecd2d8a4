package org.centrik.events;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Service;

/**
 * The schedule of network events, as other modules and the API read it.
 */
@Service
public class Schedule {

	private static final String SELECT = """
			select e.id, e.network_id, e.title, e.format, e.mode, e.starts_at, e.ends_at, e.time_zone, e.place,
			       e.link, e.capacity, e.description, e.materials, e.state, e.cancel_reason,
			       e.starts_at - e.check_in_opens_before as check_in_opens_at,
			       e.ends_at + e.check_in_closes_after as check_in_closes_at,
			       array(select h.organisation_id from event_hosts h where h.event_id = e.id
			             order by h.organisation_id) as host_ids,
			       array(select p.teacher_id from event_presenters p where p.event_id = e.id
			             order by p.teacher_id) as presenter_ids,
			       array(select r.request_id from event_requests r where r.event_id = e.id
			             order by r.request_id) as request_ids,
			       (select count(*) from event_registrations g
			        where g.event_id = e.id and g.status = 'registered') as registered,
			       (select count(*) from event_registrations g
			        where g.event_id = e.id and g.status = 'waitlisted') as waitlisted
			from events e
			""";

	private final DatabaseClient database;

	private final ChangeLog changes;

	Schedule(DatabaseClient database, ChangeLog changes) {
		this.database = database;
		this.changes = changes;
	}

	/** Events that overlap the given period, earliest first. */
	public Flux<Event> between(Instant from, Instant to) {
		return find(new Filter(null, null, null, null, null, from, to));
	}

	/**
	 * Events that pass the filter (each part optional), earliest first.
	 */
	public Flux<Event> find(Filter filter) {
		StringBuilder where = new StringBuilder(" where true");
		if (filter.network() != null) {
			where.append(" and e.network_id = :network");
		}
		if (filter.organisation() != null) {
			where.append(" and exists (select 1 from event_hosts h where h.event_id = e.id"
					+ " and h.organisation_id = :organisation)");
		}
		if (filter.format() != null) {
			where.append(" and e.format = :format");
		}
		if (filter.mode() != null) {
			where.append(" and e.mode = :mode");
		}
		if (filter.state() != null) {
			where.append(" and e.state = :state");
		}
		if (filter.from() != null) {
			where.append(" and e.ends_at >= :from");
		}
		if (filter.to() != null) {
			where.append(" and e.starts_at < :to");
		}
		GenericExecuteSpec spec = this.database.sql(SELECT + where + " order by e.starts_at, e.id");
		spec = (filter.network() != null) ? spec.bind("network", filter.network()) : spec;
		spec = (filter.organisation() != null) ? spec.bind("organisation", filter.organisation()) : spec;
		spec = (filter.format() != null) ? spec.bind("format", filter.format().code()) : spec;
		spec = (filter.mode() != null) ? spec.bind("mode", filter.mode().code()) : spec;
		spec = (filter.state() != null) ? spec.bind("state", filter.state().code()) : spec;
		spec = (filter.from() != null) ? spec.bind("from", filter.from()) : spec;
		spec = (filter.to() != null) ? spec.bind("to", filter.to()) : spec;
		return spec.map((row) -> event(row)).all();
	}

	/** Published and live events of a network that have not ended, earliest first. */
	public Flux<Event> upcoming(long networkId) {
		return this.database
			.sql(SELECT + " where e.network_id = :network and e.state in ('published', 'live') and e.ends_at > now()"
					+ " order by e.starts_at, e.id")
			.bind("network", networkId)
			.map((row) -> event(row))
			.all();
	}

	public Mono<Event> event(EventId id) {
		return this.database.sql(SELECT + " where e.id = :id")
			.bind("id", id.value())
			.map((row) -> event(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", id.value())));
	}

	/** Events of the given ids, earliest first. */
	Flux<Event> events(String condition, String name, Object value) {
		return this.database.sql(SELECT + " where " + condition + " order by e.starts_at, e.id")
			.bind(name, value)
			.map((row) -> event(row))
			.all();
	}

	private static Event event(Readable row) {
		String[] materials = row.get("materials", String[].class);
		return new Event(row.get("id", Long.class), row.get("network_id", Long.class), row.get("title", String.class),
				Event.Format.valueOf(row.get("format", String.class).toUpperCase()),
				Event.Mode.valueOf(row.get("mode", String.class).toUpperCase()), row.get("starts_at", Instant.class),
				row.get("ends_at", Instant.class), row.get("time_zone", String.class), row.get("place", String.class),
				row.get("link", String.class), row.get("capacity", Integer.class), row.get("description", String.class),
				(materials != null) ? List.of(materials) : List.of(), Event.State.of(row.get("state", String.class)),
				row.get("cancel_reason", String.class), ids(row, "host_ids"), ids(row, "presenter_ids"),
				ids(row, "request_ids"), row.get("registered", Long.class).intValue(),
				row.get("waitlisted", Long.class).intValue(), row.get("check_in_opens_at", Instant.class),
				row.get("check_in_closes_at", Instant.class));
	}

	private static List<Long> ids(Readable row, String column) {
		Long[] ids = row.get(column, Long[].class);
		return (ids != null) ? Arrays.asList(ids) : List.of();
	}

	/**
	 * What to look for in the schedule; every part may be {@code null}.
	 *
	 * @param network events of this network
	 * @param organisation events this organisation hosts
	 * @param from events that end at or after
	 * @param to events that start before
	 */
	public record Filter(Long network, Long organisation, Event.Format format, Event.Mode mode, Event.State state,
			Instant from, Instant to) {

	}

}
