package org.centrik.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * W4, the door burst: C teachers check in to one event within S seconds, front-loaded (40
 * % in the first sixth, 40 % in the next two sixths, 20 % in the last half), each from a
 * phone of their own (a real RSocket client over WebSocket, connected beforehand), while
 * D dashboards (RSocket over WebSocket, one connection each) watch the event's attendance
 * stream. Run twice in one command: without slow readers, then with 1 % of the dashboards
 * reading slowly (one message at a time, 25 ms each). Checked: every check-in is in
 * PostgreSQL once, and every dashboard received every participation once, in increasing
 * sequence (a slow reader after resyncing with its last sequence).
 * <p>
 * Run (part of {@code ./mvnw test -Pbenchmarks}):
 * {@code ./mvnw test -Dtest=DoorBurstBenchmark -Dbench.w4.checkIns=2000 -Dbench.w4.seconds=60 -Dbench.w4.dashboards=1000}
 * Writes docs/benchmarks/door-burst.md. Not part of the test suite.
 */
@IntegrationTest
class DoorBurstBenchmark {

	private static final long SLOW_READ_MILLIS = 25;

	@LocalServerPort
	int httpPort;

	@Autowired
	RSocketStrategies strategies;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Test
	void doorBurst() throws Exception {
		int checkIns = Bench.integer("bench.w4.checkIns", 2000);
		int seconds = Bench.integer("bench.w4.seconds", 60);
		int dashboards = Bench.integer("bench.w4.dashboards", 1000);
		int slowPercent = Bench.integer("bench.w4.slowPercent", 1);
		String loadBefore = Bench.loadAverage();

		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts accounts = new TestAccounts(this.context);
		long school = fixtures.organisation("Бенчмарк");
		long network = fixtures.network(school);
		fixtures.member(network, school);
		List<Long> teachers = fixtures.teachers(school, checkIns);
		List<TestAccounts.Account> phones = accounts.teachers(teachers);
		TestAccounts.Account coordinator = accounts.coordinatorOfAll();

		// not measured: the JVMs' first check-ins and streams, so that neither measured
		// run is
		// the cold one
		int warm = Math.max(1, checkIns / 5);
		burst(fixtures, network, school, teachers.subList(0, warm), phones.subList(0, warm), coordinator,
				Math.max(1, dashboards / 5), 0, Math.max(5, seconds / 3));
		Burst calm = burst(fixtures, network, school, teachers, phones, coordinator, dashboards, 0, seconds);
		Burst slow = burst(fixtures, network, school, teachers, phones, coordinator, dashboards, slowPercent, seconds);
		String loadAfter = Bench.loadAverage();

		long calmP99 = calm.delivery().getValueAtPercentile(99);
		long slowP99 = slow.delivery().getValueAtPercentile(99);
		double raised = (double) slowP99 / Math.max(1, calmP99);
		boolean exact = calm.exact() && slow.exact();
		List<String> summary = List.of(
				Results.row(
						"W4 door burst: %,d check-ins in %d s, %,d dashboards".formatted(checkIns, seconds, dashboards),
						"check-in→dashboard p99 %s (check-in answer p99 %s); %s".formatted(Bench.ms(calmP99),
								Bench.ms(calm.answer(), 99), calm.verdict()),
						"", "", "p99 ≤ 100 ms, zero lost or doubled", calmP99 <= 100_000 && calm.exact()),
				Results.row("W4 with %d %% slow readers".formatted(slowPercent),
						"others' p99 %s (check-in answer p99 %s); %s".formatted(Bench.ms(slowP99),
								Bench.ms(slow.answer(), 99), slow.verdict()),
						"the run without slow readers: p99 %s".formatted(Bench.ms(calmP99)),
						"p99 %s".formatted(Bench.ratio(raised)), "≤ 1.2× (slow readers raise p99 by ≤ 20 %)",
						raised <= 1.2 && exact));
		String report = """
				# W4: door burst

				Measured %s by `./mvnw test -Dtest=DoorBurstBenchmark -Dbench.w4.checkIns=%d -Dbench.w4.seconds=%d -Dbench.w4.dashboards=%d -Dbench.w4.slowPercent=%d`
				(part of `./mvnw test -Pbenchmarks`) on this machine: %s; load average %s before and %s after.

				%,d teachers check in to one live event (`attendance.{id}.check-in`, the code word the
				host screen shows) within %d s, front-loaded: 40 %% in the first sixth, 40 %% in the next
				two sixths, 20 %% in the last half (at %d s: %.0f/s, then %.0f/s, then %.0f/s). Each
				teacher has a phone of their own, an RSocket-over-WebSocket client connected before the
				burst. %,d dashboards, one WebSocket connection each, watch `attendance.{id}.stream`. The
				clients run in the server's JVM, on the same cores (the server's CPU is not attributed
				here). Latencies run from each check-in's **intended** send time (coordinated omission
				corrected). A slow reader takes one message at a time and %d ms over each; when it falls
				256 changes behind it is sent `resync` and subscribes again from its last sequence.

				After an unmeasured warm-up burst (a fifth of the teachers and of the dashboards, on an
				event of its own), run 1 without slow readers; run 2, on a new event with the same
				teachers, with %d %% of the dashboards reading slowly. "Others" are the dashboards that read at full speed.

				| run | check-in answer p50 / p99 | check-in→dashboard p50 | p95 | p99 | max | slow readers' p99 | in PostgreSQL | dashboards complete, exactly once |
				|---|---|---|---|---|---|---|---|---|
				%s
				%s

				Slow readers raised the others' check-in→dashboard p99 by %s (target ≤ 1.2×).

				%s"""
			.formatted(Bench.now(), checkIns, seconds, dashboards, slowPercent, Bench.machine(this.database),
					loadBefore, loadAfter, checkIns, seconds, seconds, checkIns * 0.4 / (seconds / 6.0),
					checkIns * 0.4 / (seconds / 3.0), checkIns * 0.2 / (seconds / 2.0), dashboards, SLOW_READ_MILLIS,
					slowPercent, calm.row("without slow readers"), slow.row(slowPercent + " % slow readers"),
					Bench.ratio(raised), Results.summary(summary));
		Bench.write("door-burst.md", report);
		Results.refresh();
	}

	private Burst burst(Fixtures fixtures, long network, long school, List<Long> teacherIds,
			List<TestAccounts.Account> teachers, TestAccounts.Account coordinator, int dashboardCount, int slowPercent,
			int seconds) {
		long event = fixtures.liveEvent(network, school);
		// a fresh token for the dashboards of each burst: a stream ends with its token
		// (15 min)
		TestAccounts.Account coordinatorNow = new TestAccounts.Account(coordinator.id(), coordinator.login(),
				new TestAccounts(this.context).token(coordinator), coordinator.refreshToken());
		String word = WebClient.builder()
			.baseUrl("http://localhost:" + this.httpPort)
			.defaultHeaders(coordinator::bearer)
			.build()
			.get()
			.uri("/api/events/{id}/code", event)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(30))
			.at("/word/code")
			.asString();
		int checkIns = teachers.size();
		Map<Long, Long> intendedByTeacher = new ConcurrentHashMap<>();
		Recorder others = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
		Recorder slowOnes = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
		List<Dashboard> dashboards = new ArrayList<>();
		int slowEvery = (slowPercent > 0) ? 100 / slowPercent : Integer.MAX_VALUE;
		for (int i = 0; i < dashboardCount; i++) {
			boolean slow = i % slowEvery == slowEvery - 1;
			Dashboard dashboard = new Dashboard(() -> connect(coordinatorNow), "attendance." + event + ".stream", slow,
					intendedByTeacher, slow ? slowOnes : others);
			dashboards.add(dashboard);
			dashboard.watch(null);
			if (i % 100 == 99) {
				awaitSnapshots(dashboards, 30);
			}
		}
		awaitSnapshots(dashboards, 120);
		List<RSocketRequester> phones = new ArrayList<>();
		Flux.fromIterable(teachers)
			.flatMapSequential((teacher) -> Mono.fromCallable(() -> connect(teacher))
				.flatMap((phone) -> phone.rsocketClient().source().thenReturn(phone)), 16)
			.doOnNext(phones::add)
			.blockLast(Duration.ofMinutes(5));

		Histogram answers = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
		AtomicLong accepted = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong retried = new AtomicLong();
		long start = System.nanoTime() + 500_000_000L;
		Flux.range(0, checkIns).flatMap((i) -> {
			long intended = start + offset(i, checkIns, seconds);
			long teacherId = teacherIds.get(i);
			return Mono.delay(Duration.ofNanos(Math.max(0, intended - System.nanoTime()))).then(Mono.defer(() -> {
				intendedByTeacher.put(teacherId, intended);
				return Mono
					.just(Map.of("clientId", UUID.randomUUID(), "code", word, "scannedAt", Instant.now().toString()));
			}))
				// as the check-in page does: a dropped connection is retried with the
				// same
				// client id, which the server recognises
				.flatMap((request) -> Mono
					.defer(() -> phones.get(i)
						.route("attendance.{id}.check-in", event)
						.data(request)
						.retrieveMono(JsonNode.class))
					.retryWhen(reactor.util.retry.Retry.backoff(5, Duration.ofMillis(200))
						.filter((ex) -> !(ex instanceof ApplicationErrorException))
						.doBeforeRetry((retry) -> retried.incrementAndGet())))
				.doOnNext((answer) -> {
					synchronized (answers) {
						answers.recordValue(
								Math.min((System.nanoTime() - intended) / 1000, TimeUnit.MINUTES.toMicros(10)));
					}
					accepted.incrementAndGet();
				})
				.onErrorResume((ex) -> {
					System.out.println("check-in " + i + " failed: " + ex);
					(ex instanceof ApplicationErrorException ? refused : failed).incrementAndGet();
					return Mono.empty();
				});
		}, checkIns).blockLast(Duration.ofSeconds(seconds + 120L));

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline
				&& dashboards.stream().anyMatch((d) -> !d.slow && d.teachers.size() < accepted.get())) {
			Bench.sleep(100);
		}
		// a slow reader takes 25 ms a message: 2,000 changes are 50 s of reading at
		// least,
		// more with its resyncs; how long it took is part of the result
		long othersDone = System.nanoTime();
		long slowDeadline = othersDone + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.w4.slowWait", 300));
		while (System.nanoTime() < slowDeadline
				&& dashboards.stream().anyMatch((d) -> d.slow && d.teachers.size() < accepted.get())) {
			Bench.sleep(200);
		}
		double slowLag = (System.nanoTime() - othersDone) / 1e9;
		dashboards.stream()
			.filter((d) -> d.teachers.size() < accepted.get())
			.forEach((d) -> System.out.println("incomplete dashboard: slow " + d.slow + ", " + d.teachers.size()
					+ " teachers of " + accepted.get() + ", last sequence " + d.last.get() + ", " + d.resyncs.get()
					+ " resyncs, " + d.reconnects.get() + " reconnections"));
		phones.forEach(RSocketRequester::dispose);
		dashboards.forEach(Dashboard::close);

		long[] stored = this.database
			.sql("""
					select count(*) as rows, count(distinct teacher_id) as teachers from participations where event_id = :event
					""")
			.bind("event", event)
			.map((row) -> new long[] { row.get("rows", Long.class), row.get("teachers", Long.class) })
			.one()
			.block();
		long complete = dashboards.stream()
			.filter((d) -> d.teachers.size() == checkIns && d.doubled.get() == 0)
			.count();
		long doubled = dashboards.stream().mapToLong((d) -> d.doubled.get()).sum();
		long resyncs = dashboards.stream().mapToLong((d) -> d.resyncs.get()).sum();
		long reconnects = dashboards.stream().mapToLong((d) -> d.reconnects.get()).sum();
		long slowComplete = dashboards.stream()
			.filter((d) -> d.slow && d.teachers.size() == checkIns && d.doubled.get() == 0)
			.count();
		return new Burst(checkIns, accepted.get(), refused.get(), failed.get(), retried.get(), answers,
				others.getIntervalHistogram(), slowOnes.getIntervalHistogram(), stored[0], stored[1], dashboardCount,
				complete, doubled, resyncs, reconnects, dashboards.stream().filter((d) -> d.slow).count(), slowComplete,
				slowLag);
	}

	/**
	 * A connection of its own, from a builder of its own: the context's builder is one
	 * shared instance, which setup metadata and strategies would pile up on.
	 */
	private RSocketRequester connect(TestAccounts.Account account) {
		return account.setup(
				RSocketRequester.builder().rsocketStrategies(this.strategies).dataMimeType(MediaType.APPLICATION_JSON))
			.transport(WebsocketClientTransport.create(HttpClient.newConnection().host("127.0.0.1").port(this.httpPort),
					"/rsocket"));
	}

	private static void awaitSnapshots(List<Dashboard> dashboards, int seconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline && dashboards.stream().anyMatch((d) -> d.snapshots.get() == 0)) {
			Bench.sleep(50);
		}
	}

	/**
	 * Front-loaded: 40 % in the first sixth, 40 % in the next two sixths, 20 % in the
	 * last half.
	 */
	static long offset(int i, int count, int seconds) {
		double share = (double) i / count;
		double at;
		if (share < 0.4) {
			at = share / 0.4 * (seconds / 6.0);
		}
		else if (share < 0.8) {
			at = seconds / 6.0 + (share - 0.4) / 0.4 * (seconds / 3.0);
		}
		else {
			at = seconds / 2.0 + (share - 0.8) / 0.2 * (seconds / 2.0);
		}
		return (long) (at * 1e9);
	}

	/**
	 * One dashboard: the participations it received, by teacher, and whether any came
	 * twice or out of order.
	 */
	private static final class Dashboard {

		final java.util.function.Supplier<RSocketRequester> connector;

		volatile RSocketRequester requester;

		final String route;

		final boolean slow;

		final Map<Long, Long> intended;

		final Recorder latency;

		final Set<Long> teachers = ConcurrentHashMap.newKeySet();

		final AtomicLong last = new AtomicLong();

		final AtomicLong doubled = new AtomicLong();

		final AtomicLong snapshots = new AtomicLong();

		final AtomicLong resyncs = new AtomicLong();

		final AtomicLong reconnects = new AtomicLong();

		private volatile boolean closed;

		private volatile reactor.core.Disposable subscription;

		Dashboard(java.util.function.Supplier<RSocketRequester> connector, String route, boolean slow,
				Map<Long, Long> intended, Recorder latency) {
			this.connector = connector;
			this.requester = connector.get();
			this.route = route;
			this.slow = slow;
			this.intended = intended;
			this.latency = latency;
		}

		void watch(Long since) {
			Flux<String> messages = this.requester.route(this.route)
				.data((since != null) ? Map.of("since", since) : Map.of())
				.retrieveFlux(String.class);
			if (this.slow) {
				messages = messages.limitRate(1)
					.concatMap((m) -> Mono.just(m).delayElement(Duration.ofMillis(SLOW_READ_MILLIS)), 1);
			}
			this.subscription = messages.subscribe(this::received, this::failed);
		}

		/**
		 * As the web UI does: a dropped connection is opened again, and the stream
		 * resumed from the last sequence (or from a snapshot when none came yet).
		 */
		private void failed(Throwable failure) {
			if (this.closed) {
				return;
			}
			System.out.println("dashboard stream failed, reconnecting: " + failure);
			this.reconnects.incrementAndGet();
			this.requester.dispose();
			Mono.delay(Duration.ofMillis(500)).subscribe((tick) -> {
				this.requester = this.connector.get();
				watch((this.snapshots.get() > 0) ? this.last.get() : null);
			});
		}

		private void received(String message) {
			long now = System.nanoTime();
			if (message.startsWith("{\"kind\":\"snapshot\"")) {
				this.snapshots.incrementAndGet();
				this.last.set(Bench.longField(message.substring(0, Math.min(message.length(), 200)), "sequence"));
				return;
			}
			if (message.startsWith("{\"kind\":\"resync\"")) {
				this.resyncs.incrementAndGet();
				watch(this.last.get());
				return;
			}
			long sequence = Bench.longField(message.substring(0, message.indexOf(",\"data\"")), "sequence");
			if (sequence <= this.last.get()) {
				this.doubled.incrementAndGet();
				return;
			}
			this.last.set(sequence);
			if (!message.contains("\"type\":\"participation.recorded\"")) {
				return;
			}
			long teacher = Bench.longField(message, "teacherId");
			if (!this.teachers.add(teacher)) {
				this.doubled.incrementAndGet();
			}
			Long intendedAt = this.intended.get(teacher);
			if (intendedAt != null) {
				this.latency.recordValue(Math.min(Math.max(0, now - intendedAt) / 1000, TimeUnit.MINUTES.toMicros(10)));
			}
		}

		void close() {
			this.closed = true;
			if (this.subscription != null) {
				this.subscription.dispose();
			}
			this.requester.dispose();
		}

	}

	private record Burst(int offered, long accepted, long refused, long failed, long retried, Histogram answer,
			Histogram delivery, Histogram slowDelivery, long storedRows, long storedTeachers, int dashboards,
			long complete, long doubled, long resyncs, long reconnects, long slowReaders, long slowComplete,
			double slowLag) {

		boolean exact() {
			return this.accepted == this.offered && this.storedRows == this.offered
					&& this.storedTeachers == this.offered && this.complete == this.dashboards && this.doubled == 0;
		}

		String verdict() {
			return "%,d of %,d in PostgreSQL once; %,d of %,d dashboards complete; %d doubled"
				.formatted(this.storedTeachers, this.offered, this.complete, this.dashboards, this.doubled);
		}

		String row(String name) {
			return "| %s | %s / %s | %s | %s | %s | %s | %s | %,d rows, %,d teachers of %,d (%d refused, %d failed, %d retried) | %,d of %,d; %d doubled; %d resyncs; %d reconnections%s |"
				.formatted(name, Bench.ms(this.answer, 50), Bench.ms(this.answer, 99), Bench.ms(this.delivery, 50),
						Bench.ms(this.delivery, 95), Bench.ms(this.delivery, 99), Bench.ms(this.delivery.getMaxValue()),
						(this.slowReaders > 0) ? Bench.ms(this.slowDelivery, 99) : "—", this.storedRows,
						this.storedTeachers, this.offered, this.refused, this.failed, this.retried, this.complete,
						this.dashboards, this.doubled, this.resyncs, this.reconnects,
						(this.slowReaders > 0) ? " (slow: %d of %d complete, %.0f s after the others)"
							.formatted(this.slowComplete, this.slowReaders, this.slowLag) : "");
		}

	}

}
