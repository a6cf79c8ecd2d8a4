package org.centrik.demo;

import java.time.Clock;
import java.time.Instant;

import org.centrik.demo.DemoPlan.LiveEventRow;
import org.centrik.events.EventId;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The demo network of a district, in Russian: organisations, teachers, practices,
 * requests in every state, events of two school years and their attendance, dated
 * relative to the first load so that it always looks current.
 */
public class DemoNetwork {

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final Clock clock;

	private final DemoWriter writer;

	private final LiveEventAnnouncer announcer;

	DemoNetwork(DatabaseClient database, ReactiveTransactionManager transactionManager, Clock clock,
			LiveEventAnnouncer announcer) {
		this.database = database;
		this.announcer = announcer;
		this.transactions = TransactionalOperator.create(transactionManager);
		this.clock = clock;
		this.writer = new DemoWriter(database);
	}

	/**
	 * Loads the demo network unless it was loaded before, and opens an event live now
	 * unless one is already running. Both happen in one transaction, serialised on the
	 * demo's marker row: of any number of concurrent calls, exactly one loads the network
	 * and at most one opens a live event.
	 */
	public Mono<Summary> load() {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return marker(now).flatMap((marker) -> liveEvent(marker, now).flatMap((live) -> summary(marker, live)));
		}).as(this.transactions::transactional);
	}

	/**
	 * The demo network's event live now, opened when none is (the last one may have ended
	 * while the server ran); empty when the demo network was never loaded.
	 */
	public Mono<LiveEvent> liveNow() {
		return Mono.defer(() -> existingMarker().flatMap((marker) -> liveEvent(marker, this.clock.instant())))
			.as(this.transactions::transactional);
	}

	/** The marker row, locked; inserted together with the whole network when missing. */
	private Mono<Marker> marker(Instant now) {
		return existingMarker().switchIfEmpty(Mono.defer(() -> this.database.sql("""
				insert into demo_network (network_id, seed, loaded_at)
				values (nextval(pg_get_serial_sequence('networks', 'id')), :seed, :now)
				on conflict do nothing
				returning network_id
				""")
			.bind("seed", DemoPlanner.SEED)
			.bind("now", now)
			.map((row) -> row.get("network_id", Long.class))
			.one()
			.flatMap((network) -> {
				Marker marker = new Marker(network, DemoPlanner.SEED, now, true);
				return this.writer.write(marker.planner().plan(now), network).thenReturn(marker);
			})
			// another start inserted it first, and has committed the whole network by now
			.switchIfEmpty(Mono.defer(this::existingMarker))));
	}

	private Mono<Marker> existingMarker() {
		return this.database.sql("select network_id, seed, loaded_at from demo_network for update")
			.map((row) -> new Marker(row.get("network_id", Long.class), row.get("seed", Long.class),
					row.get("loaded_at", Instant.class), false))
			.one();
	}

	private Mono<LiveEvent> liveEvent(Marker marker, Instant now) {
		return this.database.sql("""
				select id, title, starts_at, ends_at from events
				where network_id = :network and state = 'live' and starts_at <= :now and ends_at > :now
				order by starts_at desc, id desc
				limit 1
				""")
			.bind("network", marker.network())
			.bind("now", now)
			.map((row) -> new LiveEvent(new EventId(row.get("id", Long.class)), row.get("title", String.class),
					row.get("starts_at", Instant.class), row.get("ends_at", Instant.class), false))
			.one()
			.switchIfEmpty(Mono.defer(() -> openMicrophone(marker, now)));
	}

	private Mono<LiveEvent> openMicrophone(Marker marker, Instant now) {
		return this.database.sql("""
				select count(*) as opened from events
				where network_id = :network and format = 'open_microphone' and state = 'live'
				""")
			.bind("network", marker.network())
			.map((row) -> row.get("opened", Long.class))
			.one()
			.flatMap((opened) -> {
				DemoPlanner planner = marker.planner();
				LiveEventRow live = planner.openMicrophone(planner.plan(now), now, opened.intValue());
				return this.writer.write(live, marker.network())
					.flatMap((id) -> this.announcer.opened(id)
						.thenReturn(
								new LiveEvent(new EventId(id), live.title(), live.startsAt(), live.endsAt(), true)));
			});
	}

	private Mono<Summary> summary(Marker marker, LiveEvent live) {
		return this.database.sql("""
				with members as (
				    select n.coordinator_id as organisation_id from networks n where n.id = :network
				    union
				    select a.organisation_id from agreements a where a.network_id = :network
				)
				select n.name,
				       (select count(*) from members) as organisations,
				       (select count(*) from teachers t join members m using (organisation_id)) as teachers,
				       (select count(*) from practices p where p.network_id = n.id) as practices,
				       (select count(*) from requests r where r.network_id = n.id) as requests,
				       (select count(*) from events e where e.network_id = n.id) as events,
				       (select count(*) from participations p join events e on e.id = p.event_id
				        where e.network_id = n.id) as participations
				from networks n where n.id = :network
				""")
			.bind("network", marker.network())
			.map((row) -> new Summary(new NetworkId(marker.network()), row.get("name", String.class),
					marker.loadedNow(), marker.loadedAt(),
					new Counts(row.get("organisations", Long.class), row.get("teachers", Long.class),
							row.get("practices", Long.class), row.get("requests", Long.class),
							row.get("events", Long.class), row.get("participations", Long.class)),
					live))
			.one();
	}

	/**
	 * The demo network as it stands after {@link #load()}.
	 *
	 * @param loadedNow whether this call loaded it, rather than finding it loaded
	 * @param loadedAt when it was loaded: the moment its dates are relative to
	 * @param liveEvent the event live now
	 */
	public record Summary(NetworkId network, String name, boolean loadedNow, Instant loadedAt, Counts counts,
			LiveEvent liveEvent) {

	}

	/** How much the demo network holds. */
	public record Counts(long organisations, long teachers, long practices, long requests, long events,
			long participations) {

	}

	/**
	 * The event live now.
	 *
	 * @param openedNow whether this call opened it, rather than finding it running
	 */
	public record LiveEvent(EventId id, String title, Instant startsAt, Instant endsAt, boolean openedNow) {

	}

	private record Marker(long network, long seed, Instant loadedAt, boolean loadedNow) {

		DemoPlanner planner() {
			return new DemoPlanner(this.seed);
		}

	}

}
