package org.centrik.live;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.centrik.live.LiveMessage.SnapshotReason;
import org.centrik.live.Subscribers.Overflow;
import org.centrik.live.Subscribers.Subscriber;
import org.centrik.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Subscriptions to topics: the current state with the position it is valid at, then every
 * change after it; or, for a client that resumes with the last position it saw, exactly
 * the changes it missed, then every change after them.
 */
@Component
public class LiveChanges {

	private static final int MISSED_PAGE = 500;

	private final DatabaseClient database;

	private final Subscribers subscribers;

	private final Fanout fanout;

	private final Map<String, SnapshotSource> sources;

	private final TransactionalOperator snapshotTransaction;

	private final JsonMapper json;

	LiveChanges(DatabaseClient database, Subscribers subscribers, Fanout fanout, List<SnapshotSource> sources,
			ReactiveTransactionManager transactions, JsonMapper json) {
		this.database = database;
		this.json = json;
		this.subscribers = subscribers;
		this.fanout = fanout;
		this.sources = sources.stream().collect(Collectors.toMap(SnapshotSource::kind, Function.identity()));
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		definition.setReadOnly(true);
		this.snapshotTransaction = TransactionalOperator.create(transactions, definition);
	}

	/**
	 * Subscribes to a topic.
	 * @param topic what to watch
	 * @param since the last sequence the client saw, or {@code null} for a snapshot first
	 * @return snapshot or missed changes, then live changes; a {@code resync} message
	 * ends the stream when the subscriber reads too slowly
	 */
	public Flux<LiveMessage> subscribe(Topic topic, Long since) {
		return deliveries(topic, since).map(Delivery::message);
	}

	/**
	 * Subscribes on behalf of a caller, who must be allowed to watch the topic.
	 * @param topic what to watch
	 * @param since the last sequence the client saw, or {@code null} for a snapshot first
	 * @param caller who asks
	 * @return as {@link #subscribe(Topic, Long)}, or a
	 * {@link org.centrik.shared.ForbiddenException}
	 */
	public Flux<LiveMessage> subscribe(Topic topic, Long since, Caller caller) {
		return authorized(topic, caller).thenMany(subscribe(topic, since));
	}

	/**
	 * The same subscription as JSON: changes come encoded once for every subscriber of
	 * the node, the rest is encoded here.
	 */
	Flux<byte[]> subscribeEncoded(Topic topic, Long since, Caller caller) {
		return authorized(topic, caller).thenMany(deliveries(topic, since))
			.map((delivery) -> (delivery.json() != null) ? delivery.json()
					: this.json.writeValueAsBytes(delivery.message()));
	}

	private Mono<Void> authorized(Topic topic, Caller caller) {
		SnapshotSource source = this.sources.get(topic.kind());
		return (source != null) ? source.authorize(topic, caller) : Mono.empty();
	}

	private Flux<Delivery> deliveries(Topic topic, Long since) {
		if (since != null && since < 0) {
			return Flux.error(new IllegalArgumentException("'since' must be a sequence >= 0, got " + since));
		}
		SnapshotSource source = this.sources.get(topic.kind());
		if (source == null) {
			return Flux.error(new IllegalArgumentException("No snapshots for topic " + topic));
		}
		return source.verify(topic).then(this.fanout.ready()).thenMany(Flux.defer(() -> stream(topic, since, source)));
	}

	private Flux<Delivery> stream(Topic topic, Long since, SnapshotSource source) {
		// Listen first, then read: every change after the start position is either in the
		// buffer or still to come; those at or before it are filtered out.
		Subscriber live = this.subscribers.register(topic);
		AtomicLong last = new AtomicLong((since != null) ? since : 0);
		AtomicBoolean sent = new AtomicBoolean();
		Mono<Start> start = (since != null) ? resume(topic, since, source)
				: snapshot(topic, SnapshotReason.INITIAL, source);
		return start.flatMapMany((begin) -> {
			long through = begin.through();
			Set<Long> known = begin.known();
			// the snapshot is let go once sent: a dashboard of a large event would
			// otherwise hold its first snapshot for as long as it watches
			AtomicReference<Flux<Delivery>> first = new AtomicReference<>(begin.messages());
			return Flux.concat(Flux.defer(() -> first.getAndSet(Flux.empty())),
					live.changes()
						.filter((change) -> change.sequence() > through && !known.contains(change.id()))
						.map(Delivery::of));
		}).doOnNext((delivery) -> {
			last.set(delivery.message().sequence());
			sent.set(true);
		})
			.onErrorResume(Overflow.class,
					(ex) -> sent.get() ? Mono.just(new Delivery(LiveMessage.resync(topic, last.get()), null))
							: stream(topic, since, source))
			.doFinally((signal) -> this.subscribers.remove(live));
	}

	private Mono<Start> snapshot(Topic topic, SnapshotReason reason, SnapshotSource source) {
		// One repeatable-read snapshot for the head, the state, and the committed changes
		// of the topic that are not stamped yet: the state already holds those, so they
		// are skipped when they come by live.
		Mono<Start> start = this.database.sql("select position from change_log_head")
			.map((row) -> row.get("position", Long.class))
			.one()
			.flatMap((position) -> this.database.sql("select id from change_log where topic = :topic and seq is null")
				.bind("topic", topic.name())
				.map((row) -> row.get("id", Long.class))
				.all()
				.collect(Collectors.toSet())
				.flatMap((known) -> source.snapshot(topic)
					.map((data) -> new Start(
							Flux.just(new Delivery(LiveMessage.snapshot(topic, position, reason, data), null)),
							position, known))));
		return start.as(this.snapshotTransaction::transactional);
	}

	private Mono<Start> resume(Topic topic, long since, SnapshotSource source) {
		return this.database.sql("select position, pruned_through from change_log_head")
			.map((row) -> new long[] { row.get("position", Long.class), row.get("pruned_through", Long.class) })
			.one()
			.flatMap((head) -> {
				long position = head[0];
				long prunedThrough = head[1];
				if (since < prunedThrough) {
					return snapshot(topic, SnapshotReason.PRUNED, source);
				}
				if (since > position) {
					return snapshot(topic, SnapshotReason.UNKNOWN_POSITION, source);
				}
				return Mono.just(new Start(missed(topic, since, position), position, Set.of()));
			});
	}

	/**
	 * The changes of a topic after {@code after} up to {@code through}, read a page at a
	 * time and each page whole: a reader that takes minutes over what it missed (a phone
	 * on bad Wi-Fi, a slow screen) must not hold a pooled connection, and a result read
	 * at the pace of its reader is one r2dbc-postgresql may stall on.
	 */
	private Flux<Delivery> missed(Topic topic, long after, long through) {
		return this.database
			.sql(Fanout.SELECT + "where topic = :topic and seq > :after and seq <= :through order by seq limit :page")
			.bind("topic", topic.name())
			.bind("after", after)
			.bind("through", through)
			.bind("page", MISSED_PAGE)
			.map((row) -> this.fanout.change(row))
			.all()
			.collectList()
			.flatMapMany((page) -> {
				Flux<Delivery> deliveries = Flux.fromIterable(page).map(Delivery::of);
				return (page.size() < MISSED_PAGE) ? deliveries : deliveries
					.concatWith(Flux.defer(() -> missed(topic, page.get(page.size() - 1).sequence(), through)));
			});
	}

	/**
	 * How a subscription begins: the first messages, the position they bring the
	 * subscriber to, and the ids of changes they already hold.
	 */
	private record Start(Flux<Delivery> messages, long through, Set<Long> known) {
	}

	/**
	 * A message on its way to one subscriber, with its JSON when it was encoded already.
	 */
	private record Delivery(LiveMessage message, byte[] json) {

		static Delivery of(Change change) {
			return new Delivery(LiveMessage.change(change), change.json());
		}

	}

}
