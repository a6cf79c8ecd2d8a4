package org.centrik.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.stereotype.Component;

/**
 * This node's subscribers, by topic. Each has a bounded buffer of its own: a subscriber
 * that falls behind by more than the buffer is cut off (and told to resync) instead of
 * slowing the fan-out, the writers or anyone else.
 */
@Component
class Subscribers {

	private final ConcurrentHashMap<String, Set<Subscriber>> byTopic = new ConcurrentHashMap<>();

	private final int buffer;

	Subscribers(LiveProperties properties, MeterRegistry meters) {
		this.buffer = properties.subscriberBuffer();
		Gauge.builder("centrik.live.subscribers", this, Subscribers::count)
			.description("Live subscriptions held by this node")
			.register(meters);
	}

	Subscriber register(Topic topic) {
		Subscriber subscriber = new Subscriber(topic.name(), this.buffer);
		// add inside compute: a concurrent remove must not drop the set this one joins
		this.byTopic.compute(topic.name(), (name, set) -> {
			Set<Subscriber> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
			subscribers.add(subscriber);
			return subscribers;
		});
		return subscriber;
	}

	void remove(Subscriber subscriber) {
		this.byTopic.computeIfPresent(subscriber.topic, (name, set) -> {
			set.remove(subscriber);
			return set.isEmpty() ? null : set;
		});
	}

	/** Called by the fan-out only, one change at a time. */
	void publish(Change change) {
		Set<Subscriber> subscribers = this.byTopic.get(change.topic());
		if (subscribers == null) {
			return;
		}
		for (Subscriber subscriber : subscribers) {
			if (!subscriber.offer(change)) {
				remove(subscriber);
			}
		}
	}

	int count() {
		return this.byTopic.values().stream().mapToInt(Set::size).sum();
	}

	static final class Subscriber {

		private final String topic;

		private final Sinks.Many<Change> changes;

		private Subscriber(String topic, int buffer) {
			this.topic = topic;
			this.changes = Sinks.many().unicast().onBackpressureBuffer(Queues.<Change>get(buffer).get());
		}

		Flux<Change> changes() {
			return this.changes.asFlux();
		}

		/** Whether the subscriber keeps up; false once it has been cut off. */
		private boolean offer(Change change) {
			Sinks.EmitResult result = this.changes.tryEmitNext(change);
			if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
				this.changes.tryEmitError(new Overflow());
				return false;
			}
			return result.isSuccess() || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER;
		}

	}

	/** The subscriber's buffer overflowed: it must resubscribe from its last sequence. */
	static final class Overflow extends RuntimeException {

		Overflow() {
			super("subscriber buffer overflow", null, false, false);
		}

	}

}
