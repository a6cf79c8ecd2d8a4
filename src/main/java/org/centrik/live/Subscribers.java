package org.centrik.live;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * This node's subscribers, by topic. Each has a bounded buffer of its own: a subscriber
 * that falls behind by more than the buffer is cut off (and told to resync) instead of
 * slowing the fan-out, the writers or anyone else.
 * <p>
 * Subscribers are dealt into one group per core, each served by a worker thread of its
 * own, so that handing a change to ten thousand subscribers (and their streams' work on
 * it, down to the socket) is spread over the cores instead of queueing on the fan-out's
 * one thread. A group's worker takes the fan-out's batches in order, so every subscriber
 * still gets the changes in sequence order.
 */
@Component
class Subscribers implements DisposableBean {

	private final int buffer;

	private final Group[] groups;

	private final AtomicInteger dealt = new AtomicInteger();

	private final Scheduler workers;

	Subscribers(LiveProperties properties, MeterRegistry meters) {
		this.buffer = properties.subscriberBuffer();
		int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
		this.workers = Schedulers.newParallel("centrik-fanout", cores, true);
		this.groups = new Group[cores];
		for (int i = 0; i < cores; i++) {
			this.groups[i] = new Group(this.workers.createWorker());
		}
		Gauge.builder("centrik.live.subscribers", this, Subscribers::count)
			.description("Live subscriptions held by this node")
			.register(meters);
	}

	Subscriber register(Topic topic) {
		Group group = this.groups[Math.floorMod(this.dealt.getAndIncrement(), this.groups.length)];
		Subscriber subscriber = new Subscriber(topic.name(), this.buffer, group);
		group.add(subscriber);
		return subscriber;
	}

	void remove(Subscriber subscriber) {
		subscriber.group.remove(subscriber);
	}

	/**
	 * Hands changes, in sequence order, to their topics' subscribers. Called by the
	 * fan-out only, one batch at a time; returns before they are handed over.
	 */
	void publish(List<Change> changes) {
		if (changes.isEmpty()) {
			return;
		}
		for (Group group : this.groups) {
			group.publish(changes);
		}
	}

	int count() {
		int count = 0;
		for (Group group : this.groups) {
			count += group.count();
		}
		return count;
	}

	@Override
	public void destroy() {
		for (Group group : this.groups) {
			group.worker.dispose();
		}
		this.workers.dispose();
	}

	/** The subscribers one worker serves. */
	private static final class Group {

		private final ConcurrentHashMap<String, Set<Subscriber>> byTopic = new ConcurrentHashMap<>();

		private final Scheduler.Worker worker;

		private Group(Scheduler.Worker worker) {
			this.worker = worker;
		}

		void add(Subscriber subscriber) {
			// add inside compute: a concurrent remove must not drop the set this one
			// joins
			this.byTopic.compute(subscriber.topic, (name, set) -> {
				Set<Subscriber> subscribers = (set != null) ? set : ConcurrentHashMap.newKeySet();
				subscribers.add(subscriber);
				return subscribers;
			});
		}

		void remove(Subscriber subscriber) {
			this.byTopic.computeIfPresent(subscriber.topic, (name, set) -> {
				set.remove(subscriber);
				return set.isEmpty() ? null : set;
			});
		}

		void publish(List<Change> changes) {
			for (Change change : changes) {
				if (this.byTopic.containsKey(change.topic())) {
					// a worker runs its tasks one after another, in the order given
					this.worker.schedule(() -> changes.forEach(this::publish));
					return;
				}
			}
		}

		private void publish(Change change) {
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

	}

	static final class Subscriber {

		private final String topic;

		private final Group group;

		private final Sinks.Many<Change> changes;

		private Subscriber(String topic, int buffer, Group group) {
			this.topic = topic;
			this.group = group;
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
