package org.centrik.benchmark;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * W2: commit→delivery latency of the live core at a fixed rate of changes, through real
 * RSocket clients over TCP and over WebSocket, against a raw broadcaster on the same
 * Netty ({@link RawBroadcaster}) fed the same payloads at the same rate in the same run.
 * The clients run in a JVM of their own ({@link LoadGenerator}), one connection per
 * subscriber. Latency runs from each change's intended send time (coordinated omission
 * corrected) to its decoding by a subscriber.
 * <p>
 * Run (part of {@code ./mvnw test -Pbenchmarks}):
 * {@code ./mvnw test -Dtest=LiveLatencyBenchmark -Dbench.w2=500x64,5000x10,10000x5 -Dbench.seconds=10 -Dbench.warmup=5}
 * Writes docs/benchmarks/live-latency.md. Not part of the test suite (its name does not
 * end in Tests).
 */
@IntegrationTest
class LiveLatencyBenchmark {

	static final List<String> TRANSPORTS = List.of("rsocket-tcp", "raw-tcp", "rsocket-ws", "raw-ws");

	@LocalRSocketServerPort
	int rsocketPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ChangeLog changeLog;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	JsonMapper json;

	@Test
	void commitToDeliveryLatency() throws Exception {
		String configs = System.getProperty("bench.w2", "500x64,5000x10,10000x5");
		int seconds = Bench.integer("bench.seconds", 10);
		int warmup = Bench.integer("bench.warmup", 5);
		String loadBefore = Bench.loadAverage();

		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Бенчмарк");
		Topic topic = Topic.attendance(fixtures.liveEvent(fixtures.network(school), school));
		TestAccounts accounts = new TestAccounts(this.context);
		TestAccounts.Account coordinator = accounts.coordinatorOfAll();
		this.database.sql("create table if not exists bench_raw_changes (like change_log including all)")
			.then()
			.block();

		List<Run> runs = new ArrayList<>();
		try (RawBroadcaster raw = new RawBroadcaster()) {
			for (String config : configs.split(",")) {
				int subscribers = Integer.parseInt(config.split("x")[0]);
				int rate = Integer.parseInt(config.split("x")[1]);
				for (String transport : System.getProperty("bench.w2.transports", String.join(",", TRANSPORTS))
					.split(",")) {
					// a fresh token each run: the whole command outlasts one (15 min)
					Run run = run(transport, subscribers, rate, seconds, warmup, topic, accounts.token(coordinator),
							raw);
					System.out.println(run.row());
					runs.add(run);
				}
			}
		}
		String loadAfter = Bench.loadAverage();

		StringBuilder table = new StringBuilder();
		List<String> summary = new ArrayList<>();
		for (Run run : runs) {
			table.append(run.row()).append('\n');
			if (!run.transport().startsWith("raw")) {
				Run reference = runs.stream()
					.filter((other) -> other.subscribers() == run.subscribers() && other.rate() == run.rate()
							&& other.transport().equals(run.transport().replace("rsocket", "raw")))
					.findFirst()
					.orElse(null);
				if (reference == null) {
					continue;
				}
				double ratio = run.deliveriesPerSecond() / reference.deliveriesPerSecond();
				boolean met = run.latency().getValueAtPercentile(95) <= 50_000
						&& run.latency().getValueAtPercentile(99) <= 100_000 && ratio >= 0.6 && run.lost() == 0;
				summary.add(Results.row("W2 %,d × %d/s, %s".formatted(run.subscribers(), run.rate(), run.label()),
						"p95 %s, p99 %s; %,.0f deliveries/s; lost %d".formatted(Bench.ms(run.latency(), 95),
								Bench.ms(run.latency(), 99), run.deliveriesPerSecond(), run.lost()),
						"%s: p95 %s, p99 %s; %,.0f/s".formatted(reference.label(), Bench.ms(reference.latency(), 95),
								Bench.ms(reference.latency(), 99), reference.deliveriesPerSecond()),
						"%s deliveries/s; p99 %s".formatted(Bench.ratio(ratio),
								Bench.ratio((double) run.latency().getValueAtPercentile(99)
										/ Math.max(1, reference.latency().getValueAtPercentile(99)))),
						"p95 ≤ 50 ms, p99 ≤ 100 ms, ≥ 0.6× raw", met));
			}
		}
		String report = """
				# W2: commit→delivery latency against a raw broadcaster

				Measured %s by `./mvnw test -Dtest=LiveLatencyBenchmark -Dbench.w2=%s -Dbench.seconds=%d -Dbench.warmup=%d`
				(part of `./mvnw test -Pbenchmarks`) on this machine: %s; load average %s before and %s after.

				N subscribers watch one topic (`%s.stream`), each on a connection of its own, from a
				load generator in a JVM of its own (rsocket-java `RSocketRequester` clients, one JVM per
				transport and configuration); the server, its PostgreSQL pool and the raw broadcaster run
				in the test JVM. A writer commits R changes/s, each in its own transaction (synchronous
				commit), on a fixed schedule; latency runs from each change's **intended** send time
				(coordinated-omission corrected: a stalled writer counts against the figures) to its
				decoding by a subscriber. %d s warm-up (delivered, not measured), then %d s measured.
				The payload is a participation-shaped JSON of about 250 bytes.

				**Centrik**: `ChangeLog.append` in the writer's transaction → sequencer → NOTIFY →
				fan-out → RSocket stream (authenticated, resumable sessions on), over TCP or WebSocket.
				**Reference** ("raw"), the same run, the same payloads at the same rate: the writer
				commits the row into a copy of `change_log` and a `pg_notify` of the payload in one
				transaction; a broadcaster on plain Reactor Netty (no Spring, no RSocket) holds `LISTEN`
				on a plain R2DBC connection and writes each notification once to every connection
				(newline-framed TCP, or one WebSocket text frame). See `RawBroadcaster`.

				Deliveries/s: measured deliveries ÷ (last delivery − first measured change's intended
				time); at an offered rate both keep up with, the ratio is about 1 and says that Centrik
				kept up, not how far it could go.

				| transport | subscribers × changes/s | offered deliveries/s | deliveries/s | p50 | p95 | p99 | max | delivered of expected | resyncs |
				|---|---|---|---|---|---|---|---|---|---|
				%s
				%s"""
			.formatted(Bench.now(), configs, seconds, warmup, Bench.machine(this.database), loadBefore, loadAfter,
					topic.name(), warmup, seconds, table, Results.summary(summary));
		Bench.write("live-latency.md", report);
		Results.refresh();
	}

	private Run run(String transport, int subscribers, int rate, int seconds, int warmup, Topic topic, String token,
			RawBroadcaster raw) throws Exception {
		boolean isRaw = transport.startsWith("raw");
		int port = switch (transport) {
			case "rsocket-tcp" -> this.rsocketPort;
			case "rsocket-ws" -> this.httpPort;
			case "raw-tcp" -> raw.tcpPort();
			default -> raw.webSocketPort();
		};
		long total = (long) rate * (warmup + seconds);
		long warm = (long) rate * warmup;
		try (Jvm clients = Jvm.loadGenerator("1g",
				List.of("transport=" + transport, "host=127.0.0.1", "port=" + port,
						"path=" + (isRaw ? "/raw" : "/rsocket"), "token=" + token, "routes=" + topic.name() + ".stream",
						"warm=" + warm))) {
			String held = clients.command("add " + subscribers, 900);
			System.out.println(transport + " " + subscribers + ": " + held);
			long period = 1_000_000_000L / rate;
			long start = System.nanoTime() + 200_000_000L;
			AtomicLong failedWrites = new AtomicLong();
			Flux.interval(Duration.ofNanos(start - System.nanoTime()), Duration.ofNanos(period))
				.onBackpressureBuffer()
				.take(total)
				.flatMap((n) -> write(isRaw, topic, n, start + n * period).onErrorResume((ex) -> {
					failedWrites.incrementAndGet();
					return Mono.empty();
				}), 256)
				.blockLast(Duration.ofSeconds(warmup + seconds + 120L));
			long expected = total * subscribers;
			clients.command("wait " + expected + " 30", 60);
			String[] result = clients.command("report", 60).split(" ");
			clients.command("quit", 30);
			long delivered = Long.parseLong(result[1]);
			long measured = Long.parseLong(result[2]);
			long lastReceived = Long.parseLong(result[3]);
			Histogram latency = Histogram
				.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(result[6])), 0);
			double elapsed = Math.max(1e-3, (lastReceived - (start + warm * period)) / 1e9);
			return new Run(transport, subscribers, rate, measured / elapsed, latency, delivered, expected,
					Long.parseLong(result[4]), failedWrites.get());
		}
	}

	private Mono<Void> write(boolean raw, Topic topic, long n, long intended) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("n", n);
		data.put("t", intended);
		data.put("teacherName", "Иванова Анна Сергеевна");
		data.put("organisationName", "МБОУ «Средняя общеобразовательная школа № 12»");
		data.put("role", "listener");
		data.put("method", "qr");
		data.put("status", "present");
		data.put("recordedAt", "2026-11-22T10:15:30Z");
		if (!raw) {
			return this.changeLog.append(topic, "benchmark", data).as(this.transaction::transactional);
		}
		String payload = this.json.writeValueAsString(data);
		return this.database.sql(
				"insert into bench_raw_changes (topic, type, payload) values (:topic, 'benchmark', cast(:payload as jsonb))")
			.bind("topic", topic.name())
			.bind("payload", payload)
			.then()
			.then(this.database.sql("select pg_notify('" + RawBroadcaster.CHANNEL + "', :payload)")
				.bind("payload", payload)
				.then())
			.as(this.transaction::transactional);
	}

	private record Run(String transport, int subscribers, int rate, double deliveriesPerSecond, Histogram latency,
			long delivered, long expected, long resyncs, long failedWrites) {

		String label() {
			return switch (this.transport) {
				case "rsocket-tcp" -> "RSocket TCP";
				case "rsocket-ws" -> "RSocket WebSocket";
				case "raw-tcp" -> "raw TCP";
				default -> "raw WebSocket";
			};
		}

		long lost() {
			return this.expected - this.delivered;
		}

		String row() {
			return "| %s | %,d × %d | %,d | %,.0f | %s | %s | %s | %s | %,d of %,d%s | %d |".formatted(label(),
					this.subscribers, this.rate, (long) this.subscribers * this.rate, this.deliveriesPerSecond,
					Bench.ms(this.latency, 50), Bench.ms(this.latency, 95), Bench.ms(this.latency, 99),
					Bench.ms(this.latency.getMaxValue()), this.delivered, this.expected,
					(this.failedWrites > 0) ? " (" + this.failedWrites + " writes failed)" : "", this.resyncs);
		}

	}

}
