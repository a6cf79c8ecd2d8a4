package org.centrik.live;

import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest(properties = "centrik.live.poll-interval=2ms")
class LiveChangesIntegrationTests {

	@Autowired
	LiveChanges live;

	@Autowired
	ChangeLog changeLog;

	@Autowired
	DatabaseClient database;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	LiveCore core;

	@Autowired
	LiveProperties properties;

	@Autowired
	Attendance attendance;

	@Autowired
	tools.jackson.databind.json.JsonMapper json;

	Topic topic;

	@BeforeEach
	void liveEvent() {
		Fixtures fixtures = new Fixtures(this.database);
		long host = fixtures.organisation("Лицей");
		this.topic = Topic.attendance(fixtures.liveEvent(fixtures.network(host), host));
	}

	@Test
	void everyCommittedChangeReachesEverySubscriberOnceInSequenceOrderWhateverTheCommitOrder() {
		List<Queue<LiveMessage>> subscribers = IntStream.range(0, 3).mapToObj((i) -> subscribe(null)).toList();
		awaitSnapshots(subscribers);

		Set<String> committed = ConcurrentHashMap.newKeySet();
		Flux.range(0, 60).flatMap((writer) -> write(writer, committed), 20).blockLast(Duration.ofSeconds(60));

		assertThat(committed).hasSizeGreaterThan(200);
		for (Queue<LiveMessage> received : subscribers) {
			await().atMost(Duration.ofSeconds(20)).until(() -> changes(received).size() >= committed.size());
			List<LiveMessage> changes = changes(received);
			assertThat(changes.stream().map(LiveChangesIntegrationTests::key).toList())
				.containsExactlyInAnyOrderElementsOf(committed);
			assertThat(sequences(received)).isSorted().doesNotHaveDuplicates();
		}
	}

	@Test
	void anOpenSubscriptionLetsGoOfItsSnapshotOnceSentAndStillGetsChanges() {
		AtomicReference<WeakReference<Object>> snapshot = new AtomicReference<>();
		Queue<String> changes = new ConcurrentLinkedQueue<>();
		Disposable open = this.live.subscribe(this.topic, null).subscribe((message) -> {
			if (message.kind() == LiveMessage.Kind.SNAPSHOT) {
				snapshot.set(new WeakReference<>(message.data()));
			}
			else {
				changes.add(key(message));
			}
		});
		this.disposables.add(open);
		await().until(() -> snapshot.get() != null);

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return snapshot.get().get() == null;
		});
		append(1).block();
		await().until(() -> changes.contains("test-1"));
		assertThat(open.isDisposed()).isFalse();
	}

	@Test
	void resumingWithTheLastSequenceGivesExactlyTheChangesMissedInOrder() {
		Queue<LiveMessage> first = subscribe(null);
		awaitSnapshots(List.of(first));
		IntStream.range(0, 3).forEach((n) -> append(n).block());
		await().until(() -> changes(first).size() == 3);
		long last = sequences(first).get(sequences(first).size() - 1);
		this.disposables.forEach(Disposable::dispose);

		IntStream.range(3, 8).forEach((n) -> append(n).block());

		this.live.subscribe(this.topic, last)
			.as(StepVerifier::create)
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-3"))
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-4"))
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-5"))
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-6"))
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-7"))
			.then(() -> append(8).block())
			.assertNext((message) -> assertThat(key(message)).isEqualTo("test-8"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void aReaderFarBehindGetsEveryMissedChangeInOrderAtItsOwnPace() {
		Queue<LiveMessage> first = subscribe(null);
		awaitSnapshots(List.of(first));
		long since = first.peek().sequence();
		this.disposables.forEach(Disposable::dispose);
		// more than two pages of missed changes
		this.changeLog
			.appendAll(IntStream.range(0, 1_100)
				.mapToObj((n) -> new ChangeLog.Entry(this.topic, "test", Map.of("key", "test-" + n)))
				.toList())
			.as(this.transaction::transactional)
			.block();
		await().until(() -> this.database.sql("select count(*) from change_log where seq is null")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block() == 0);

		// one at a time, as a slow screen reads: read a page at a time from the log
		List<String> keys = this.live.subscribe(this.topic, since)
			.limitRate(1)
			.take(1_100)
			.map(LiveChangesIntegrationTests::key)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(keys).containsExactlyElementsOf(IntStream.range(0, 1_100).mapToObj((n) -> "test-" + n).toList());
	}

	@Test
	void resumingFromAPrunedPositionGivesAFreshSnapshotMarkedAsSuch() {
		Queue<LiveMessage> first = subscribe(null);
		awaitSnapshots(List.of(first));
		append(0).block();
		append(1).block();
		await().until(() -> changes(first).size() == 2);
		long beforeBoth = sequences(first).get(1) - 1;

		this.core.prune(Duration.ZERO).block();

		this.live.subscribe(this.topic, beforeBoth).as(StepVerifier::create).assertNext((message) -> {
			assertThat(message.kind()).isEqualTo(LiveMessage.Kind.SNAPSHOT);
			assertThat(message.reason()).isEqualTo("pruned");
		}).thenCancel().verify(Duration.ofSeconds(10));
	}

	@Test
	void resumingFromAPositionTheLogNeverHadGivesAFreshSnapshot() {
		this.live.subscribe(this.topic, Long.MAX_VALUE / 2)
			.as(StepVerifier::create)
			.assertNext((message) -> assertThat(message.reason()).isEqualTo("unknown_position"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void liveCoreThatWasStoppedAndStartedAgainStillDelivers() {
		this.core.stop();
		this.core.start();

		Queue<LiveMessage> received = subscribe(null);
		awaitSnapshots(List.of(received));
		append(0).block();
		await().atMost(Duration.ofSeconds(5)).until(() -> changes(received).size() == 1);
	}

	@Test
	void changeCommittedBeforeTheSnapshotButStampedAfterItIsNotDeliveredAgain() {
		long event = this.topic.key(0);
		Fixtures fixtures = new Fixtures(this.database);
		long school = this.database.sql("select organisation_id from event_hosts where event_id = :event")
			.bind("event", event)
			.map((row) -> row.get("organisation_id", Long.class))
			.one()
			.block();
		long early = fixtures.teacher(school, "Ранняя");
		long late = fixtures.teacher(school, "Поздняя");

		this.core.stop();
		try {
			checkIn(event, early);
			assertThat(this.database.sql("select count(*) as n from change_log where topic = :t and seq is null")
				.bind("t", this.topic.name())
				.map((row) -> row.get("n", Long.class))
				.one()
				.block()).as("the early check-in waits for the sequencer").isEqualTo(1);
			Queue<LiveMessage> received = subscribe(null);
			awaitSnapshots(List.of(received));
			JsonNode snapshot = this.json.valueToTree(received.peek().data());
			assertThat(snapshot.at("/counts/present").asLong()).as("the snapshot already holds it").isEqualTo(1);

			this.core.start();
			checkIn(event, late);
			await().atMost(Duration.ofSeconds(5)).until(() -> !changes(received).isEmpty());
			await().during(Duration.ofMillis(500)).until(() -> changes(received).size() == 1);
			JsonNode change = this.json.valueToTree(changes(received).get(0).data());
			assertThat(change.get("teacherId").asLong()).isEqualTo(late);
		}
		finally {
			this.core.start();
		}
	}

	@Test
	void negativeSinceIsRefused() {
		this.live.subscribe(this.topic, -1L)
			.as(StepVerifier::create)
			.expectError(IllegalArgumentException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aSubscriberThatStopsReadingIsCutOffAndDoesNotDelayTheOthers() {
		Stalled stalled = new Stalled();
		this.live.subscribe(this.topic, null).subscribe(stalled);
		Map<String, Instant> arrived = new ConcurrentHashMap<>();
		this.disposables.add(this.live.subscribe(this.topic, null)
			.filter((message) -> message.kind() == LiveMessage.Kind.CHANGE)
			.subscribe((message) -> arrived.put(key(message), Instant.now())));
		await().until(() -> stalled.received.size() == 1);

		int total = this.properties.subscriberBuffer() * 3;
		Map<String, Instant> committedAt = new ConcurrentHashMap<>();
		for (int n = 0; n < total; n++) {
			int number = n;
			append(number).doOnSuccess((done) -> committedAt.put("test-" + number, Instant.now())).block();
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> arrived.size() == total);
		Duration worst = committedAt.entrySet()
			.stream()
			.map((entry) -> Duration.between(entry.getValue(), arrived.get(entry.getKey())))
			.max(Duration::compareTo)
			.orElseThrow();
		// stated bound: a stalled neighbour never holds another subscriber's delivery
		// back by 500 ms
		assertThat(worst).isLessThan(Duration.ofMillis(500));

		stalled.request(Long.MAX_VALUE);
		await().until(() -> stalled.completed);
		LiveMessage lastMessage = stalled.received.get(stalled.received.size() - 1);
		assertThat(lastMessage.kind()).isEqualTo(LiveMessage.Kind.RESYNC);
		assertThat(stalled.received).hasSizeLessThan(total);
		assertThat(lastMessage.sequence()).isEqualTo(stalled.received.get(stalled.received.size() - 2).sequence());
	}

	private final List<Disposable> disposables = new ArrayList<>();

	@org.junit.jupiter.api.AfterEach
	void unsubscribe() {
		this.disposables.forEach(Disposable::dispose);
	}

	private Mono<Void> write(int writer, Set<String> committed) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		boolean rollBack = writer % 7 == 3;
		double pauseBefore = random.nextInt(40) / 1000.0;
		double pauseAfter = random.nextInt(60) / 1000.0;
		// lengths vary by writer, not by chance: 273 changes commit in every run (a
		// random
		// length made the "more than 200" check fail about one run in thirty)
		int count = 2 + writer % 8;
		List<String> keys = IntStream.range(0, count).mapToObj((n) -> writer + "-" + n).toList();
		Mono<Void> work = sleep(pauseBefore)
			.thenMany(Flux.fromIterable(keys)
				.concatMap((key) -> this.changeLog.append(this.topic, "test", Map.of("key", key))))
			.then(sleep(pauseAfter))
			.then(rollBack ? Mono.error(new RollBack()) : Mono.empty());
		return work.as(this.transaction::transactional)
			.doOnSuccess((done) -> committed.addAll(keys))
			.onErrorResume(RollBack.class, (ex) -> Mono.empty());
	}

	private void checkIn(long event, long teacher) {
		this.attendance
			.record(new EventId(event), new TeacherId(teacher), Participation.Role.LISTENER, Participation.Method.QR,
					java.util.UUID.randomUUID(), Instant.now(), "test")
			.block();
	}

	private Mono<Void> sleep(double seconds) {
		return this.database.sql("select pg_sleep(:s)").bind("s", seconds).then();
	}

	private Mono<Void> append(int n) {
		return this.changeLog.append(this.topic, "test", Map.of("key", "test-" + n))
			.as(this.transaction::transactional);
	}

	private Queue<LiveMessage> subscribe(Long since) {
		Queue<LiveMessage> received = new ConcurrentLinkedQueue<>();
		this.disposables.add(this.live.subscribe(this.topic, since).subscribe(received::add));
		return received;
	}

	private static void awaitSnapshots(List<Queue<LiveMessage>> subscribers) {
		await().atMost(Duration.ofSeconds(10)).until(() -> subscribers.stream().allMatch((q) -> !q.isEmpty()));
		subscribers.forEach((q) -> assertThat(q.peek().kind()).isEqualTo(LiveMessage.Kind.SNAPSHOT));
	}

	private static List<LiveMessage> changes(Queue<LiveMessage> received) {
		return received.stream().filter((message) -> message.kind() == LiveMessage.Kind.CHANGE).toList();
	}

	private static List<Long> sequences(Queue<LiveMessage> received) {
		return received.stream().map(LiveMessage::sequence).collect(Collectors.toList());
	}

	private static String key(LiveMessage message) {
		return ((tools.jackson.databind.JsonNode) message.data()).get("key").asString();
	}

	private static final class RollBack extends RuntimeException {

	}

	private static final class Stalled extends BaseSubscriber<LiveMessage> {

		final List<LiveMessage> received = new java.util.concurrent.CopyOnWriteArrayList<>();

		volatile boolean completed;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			subscription.request(1);
		}

		@Override
		protected void hookOnNext(LiveMessage message) {
			this.received.add(message);
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

	}

}
