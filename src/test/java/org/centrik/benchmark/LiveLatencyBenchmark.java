package org.centrik.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.security.TestAccounts;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import io.rsocket.transport.netty.client.TcpClientTransport;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.tcp.TcpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Commit→delivery latency of the live core, end to end through real RSocket TCP
 * connections: N subscribers (one connection each) watch one topic while a writer commits
 * changes at a fixed rate, each in a transaction of its own. Latency is measured from the
 * moment the writer's commit returned to the moment a subscriber decoded the change; the
 * reference, measured in the same run, is the writer's own commit time (one insert,
 * synchronous commit).
 * <p>
 * Run:
 * {@code ./mvnw test -Dtest=LiveLatencyBenchmark -Dbench.subscribers=1000 -Dbench.rate=100 -Dbench.seconds=30}
 * Writes docs/benchmarks/live-latency-{subscribers}x{rate}.md. Not part of the test suite
 * (its name does not end in Tests).
 */
@IntegrationTest
class LiveLatencyBenchmark {

	@LocalRSocketServerPort
	int port;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ChangeLog changeLog;

	@Autowired
	TransactionalOperator transaction;

	@Test
	void commitToDeliveryLatency() throws IOException {
		int subscribers = Integer.getInteger("bench.subscribers", 1000);
		int rate = Integer.getInteger("bench.rate", 100);
		int seconds = Integer.getInteger("bench.seconds", 30);
		int warmup = Integer.getInteger("bench.warmup", 10);

		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Бенчмарк");
		Topic topic = Topic.attendance(fixtures.liveEvent(fixtures.network(school), school));

		Map<Long, Long> committedAt = new ConcurrentHashMap<>();
		Recorder delivery = new Recorder(3);
		AtomicLong delivered = new AtomicLong();
		AtomicLong snapshots = new AtomicLong();
		AtomicLong resyncs = new AtomicLong();
		// changes written during the warm-up are delivered and counted, but not measured
		AtomicLong firstMeasured = new AtomicLong((long) rate * warmup);
		List<RSocketRequester> connections = new ArrayList<>();
		List<Disposable> streams = new ArrayList<>();
		TestAccounts.Account coordinator = new TestAccounts(this.context).coordinatorOfAll();
		for (int i = 0; i < subscribers; i++) {
			// one unpooled connection per subscriber: Reactor Netty's shared pool stops
			// at 500
			RSocketRequester requester = coordinator.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
				.transport(TcpClientTransport.create(TcpClient.newConnection().host("localhost").port(this.port)));
			connections.add(requester);
			streams.add(requester.route(topic.name() + ".stream")
				.data(Map.of())
				.retrieveFlux(String.class)
				.subscribe((message) -> {
					long now = System.nanoTime();
					if (message.startsWith("{\"kind\":\"resync\"")) {
						resyncs.incrementAndGet();
						return;
					}
					if (!message.startsWith("{\"kind\":\"change\"")) {
						snapshots.incrementAndGet();
						return;
					}
					// a delivery can overtake the writer's own bookkeeping of its commit:
					// latency ~0
					Long committed = committedAt.get(number(message));
					delivery.recordValue((committed != null) ? Math.max(0, now - committed) / 1000 : 0);
					delivered.incrementAndGet();
				}));
		}
		long connectDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (snapshots.get() < subscribers && System.nanoTime() < connectDeadline) {
			sleep(50);
		}

		Recorder commit = new Recorder(3);
		int total = rate * (warmup + seconds);
		Flux.interval(Duration.ofNanos(1_000_000_000L / rate)).take(total).flatMap((n) -> {
			long start = System.nanoTime();
			return this.changeLog.append(topic, "benchmark", Map.of("n", n))
				.as(this.transaction::transactional)
				.then(Mono.fromRunnable(() -> {
					long end = System.nanoTime();
					committedAt.put(n, end);
					commit.recordValue((end - start) / 1000);
				}));
		}, 64).blockLast(Duration.ofSeconds(seconds + 60L));

		long expected = (long) total * subscribers;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (delivered.get() < expected && System.nanoTime() < deadline) {
			sleep(100);
		}
		streams.forEach(Disposable::dispose);
		connections.forEach(RSocketRequester::dispose);

		Histogram latency = delivery.getIntervalHistogram();
		Histogram commits = commit.getIntervalHistogram();
		String report = """
				# Live core: commit→delivery latency

				Measured %s by `./mvnw test -Dtest=LiveLatencyBenchmark -Dbench.subscribers=%d -Dbench.rate=%d -Dbench.seconds=%d -Dbench.warmup=%d`
				on this machine (%d cores, Java %s, PostgreSQL from `TestDatabase`: %s).

				%d subscribers, each on its own RSocket TCP connection, watch one topic; a writer commits
				%d changes/s for %d s after a %d s warm-up (delivered, not measured), each in its own
				transaction (synchronous commit). Latency runs from the writer's commit returning to a
				subscriber decoding the change. The clients run in the server's JVM, on the same cores.

				| | p50 | p95 | p99 | max |
				|---|---|---|---|---|
				| commit→delivery | %s | %s | %s | %s |
				| reference: the writer's commit (insert + commit) | %s | %s | %s | %s |
				| ratio delivery / commit | %.1f× | %.1f× | %.1f× | |

				Deliveries: %d of %d expected; %d subscribers were told to resync (read too slowly).
				"""
			.formatted(Instant.now(), subscribers, rate, seconds, warmup, Runtime.getRuntime().availableProcessors(),
					System.getProperty("java.version"), org.centrik.support.TestDatabase.source(), subscribers, rate,
					seconds, warmup, ms(latency, 50), ms(latency, 95), ms(latency, 99), ms(latency.getMaxValue()),
					ms(commits, 50), ms(commits, 95), ms(commits, 99), ms(commits.getMaxValue()),
					ratio(latency, commits, 50), ratio(latency, commits, 95), ratio(latency, commits, 99),
					delivered.get(), expected, resyncs.get());
		System.out.println(report);
		Path out = Path.of("docs/benchmarks/live-latency-" + subscribers + "x" + rate + ".md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
	}

	/**
	 * The benchmark's own counter, {@code "data":{"n":123}}, read without a JSON parser.
	 */
	private static long number(String message) {
		int start = message.indexOf("\"n\":", message.indexOf("\"data\":")) + 4;
		int end = start;
		while (end < message.length() && Character.isDigit(message.charAt(end))) {
			end++;
		}
		return Long.parseLong(message.substring(start, end));
	}

	private static String ms(Histogram histogram, double percentile) {
		return ms(histogram.getValueAtPercentile(percentile));
	}

	private static String ms(long micros) {
		return String.format("%.1f ms", micros / 1000.0);
	}

	private static double ratio(Histogram latency, Histogram reference, double percentile) {
		return (double) latency.getValueAtPercentile(percentile)
				/ Math.max(1, reference.getValueAtPercentile(percentile));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
