package org.centrik.events;

import java.util.List;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.network.NetworkId;
import org.centrik.network.Registry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a network's upcoming-events topic: its published and live events.
 */
@Component
class UpcomingEventsSnapshots implements SnapshotSource {

	private final Schedule schedule;

	private final Registry registry;

	UpcomingEventsSnapshots(Schedule schedule, Registry registry) {
		this.schedule = schedule;
		this.registry = registry;
	}

	@Override
	public String kind() {
		return "events.upcoming";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.registry.network(new NetworkId(topic.key(0))).then();
	}

	@Override
	public Mono<UpcomingEvents> snapshot(Topic topic) {
		long network = topic.key(0);
		return this.schedule.upcoming(network).collectList().map((events) -> new UpcomingEvents(network, events));
	}

	record UpcomingEvents(long networkId, List<Event> events) {
	}

}
