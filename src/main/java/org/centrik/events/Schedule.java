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
import org.springframework.stereotype.Service;

/**
 * The schedule of network events, as other modules and the API read it.
 */
@Service
public class Schedule {

	private static final String SELECT = """
			select e.id, e.network_id, e.title, e.format, e.mode, e.starts_at, e.ends_at, e.time_zone, e.place,
			       e.link, e.capacity, e.description, e.state,
			       e.starts_at - e.check_in_opens_before as check_in_opens_at,
			       e.ends_at + e.check_in_closes_after as check_in_closes_at,
			       array(select h.organisation_id from event_hosts h where h.event_id = e.id
			             order by h.organisation_id) as host_ids
			from events e
			""";

	private final DatabaseClient database;

	private final ChangeLog changes;

	Schedule(DatabaseClient database, ChangeLog changes) {
		this.database = database;
		this.changes = changes;
	}

	/**
	 * Finishes a published or live event, in the caller's transaction, and tells the
	 * network's upcoming-events topic; an event already finished stays as it is.
	 * @return the event as it is now
	 * @throws IllegalStateException (in the Mono) for a draft or cancelled event
	 */
	public Mono<Event> finish(EventId id) {
		return this.database
			.sql("update events set state = 'finished', updated_at = now() where id = :id"
					+ " and state in ('published', 'live') returning id")
			.bind("id", id.value())
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((finished) -> event(id)
				.flatMap((event) -> this.changes.append(Topic.upcomingEvents(event.networkId()), "event.changed", event)
					.thenReturn(event)))
			.switchIfEmpty(Mono.defer(() -> event(id).flatMap((event) -> (event.state() == Event.State.FINISHED)
					? Mono.just(event) : Mono.error(new IllegalStateException(
							"Event " + id.value() + " is " + event.state().name().toLowerCase() + ", not held.")))));
	}

	/** Events that overlap the given period, earliest first. */
	public Flux<Event> between(Instant from, Instant to) {
		return this.database.sql(SELECT + " where e.ends_at >= :from and e.starts_at < :to order by e.starts_at, e.id")
			.bind("from", from)
			.bind("to", to)
			.map((row) -> event(row))
			.all();
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

	private static Event event(Readable row) {
		Long[] hosts = row.get("host_ids", Long[].class);
		return new Event(row.get("id", Long.class), row.get("network_id", Long.class), row.get("title", String.class),
				Event.Format.valueOf(row.get("format", String.class).toUpperCase()),
				Event.Mode.valueOf(row.get("mode", String.class).toUpperCase()), row.get("starts_at", Instant.class),
				row.get("ends_at", Instant.class), row.get("time_zone", String.class), row.get("place", String.class),
				row.get("link", String.class), row.get("capacity", Integer.class), row.get("description", String.class),
				Event.State.valueOf(row.get("state", String.class).toUpperCase()),
				(hosts != null) ? Arrays.asList(hosts) : List.of(), row.get("check_in_opens_at", Instant.class),
				row.get("check_in_closes_at", Instant.class));
	}

}
