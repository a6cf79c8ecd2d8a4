package org.centrik.events;

import java.util.List;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.shared.NetworkId;
import org.centrik.network.Registry;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a network's upcoming-events topic: its published and live events.
 */
@Component
class UpcomingEventsSnapshots implements SnapshotSource {

	private final Schedule schedule;

	private final Registry registry;

	private final Access access;

	UpcomingEventsSnapshots(Schedule schedule, Registry registry, Access access) {
		this.schedule = schedule;
		this.registry = registry;
		this.access = access;
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
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return verify(topic).then(this.access.member(caller, new NetworkId(topic.key(0))));
	}

	@Override
	public Mono<UpcomingEvents> snapshot(Topic topic) {
		long network = topic.key(0);
		return this.schedule.upcoming(network).collectList().map((events) -> new UpcomingEvents(network, events));
	}

	record UpcomingEvents(long networkId, List<Event> events) {
	}

}
