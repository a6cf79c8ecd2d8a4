package org.centrik.events;

import java.util.List;

import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.security.Caller;
import org.centrik.shared.ForbiddenException;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a user's own feed of events ({@code events.mine.{userId}}): theirs alone
 * to watch.
 */
@Component
class MyEventsSnapshots implements SnapshotSource {

	private final MyEvents feed;

	MyEventsSnapshots(MyEvents feed) {
		this.feed = feed;
	}

	@Override
	public String kind() {
		return "events.mine";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return (caller.user().value() == topic.key(0)) ? Mono.empty()
				: Mono.error(new ForbiddenException("A feed of events is its own user's only."));
	}

	@Override
	public Mono<MyEventsFeed> snapshot(Topic topic) {
		long user = topic.key(0);
		return this.feed.of(user).map((events) -> new MyEventsFeed(user, events));
	}

	/** The snapshot: the user's events now, earliest first. */
	record MyEventsFeed(long userId, List<MyEvents.MyEvent> events) {
	}

}
