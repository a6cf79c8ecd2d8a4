package org.centrik.events;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The state of a network's upcoming-events topic: its published and live events.
 */
@Component
class UpcomingEventsSnapshots implements SnapshotSource {

	private final Schedule schedule;

	private final DatabaseClient database;

	UpcomingEventsSnapshots(Schedule schedule, DatabaseClient database) {
		this.schedule = schedule;
		this.database = database;
	}

	@Override
	public String kind() {
		return "events.upcoming";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		long network = topic.key(0);
		return this.database.sql("select 1 from networks where id = :id")
			.bind("id", network)
			.map((row) -> true)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("network", network)))
			.then();
	}

	@Override
	public Mono<UpcomingEvents> snapshot(Topic topic) {
		long network = topic.key(0);
		return this.schedule.upcoming(network).collectList().map((events) -> new UpcomingEvents(network, events));
	}

	record UpcomingEvents(long networkId, java.util.List<Event> events) {
	}

}
