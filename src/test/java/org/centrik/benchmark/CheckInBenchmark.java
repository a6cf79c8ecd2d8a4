package org.centrik.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.transport.netty.client.TcpClientTransport;
import org.HdrHistogram.Histogram;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.tcp.TcpClient;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * W1: persisted self check-ins per second through {@code attendance.{eventId}.check-in},
 * by real RSocket clients over TCP (one connection per teacher account), at an offered
 * rate raised in steps past the request p99 of 50 ms until the server saturates. The
 * reference, measured in the same run on the same database with the same client count and
 * synchronous commit, is {@code pgbench} inserting one participation-shaped row per
 * transaction.
 * <p>
 * A check-in is allowed once per teacher and event (and rate-limited per teacher and
 * event), so every check-in of the run is a distinct (teacher, event) pair: T teachers
 * ({@code bench.teachers}, each a phone with a connection of its own) check into as many
 * live events as the run needs, with the code word each event's host screen shows
 * ({@code GET /api/events/{id}/code}). Many teachers with a few participations each, as
 * at a district's events: twenty teachers with thousands each would measure the card
 * follower's recomputation of a card no teacher has.
 * <p>
 * Run:
 * {@code ./mvnw test -Pbenchmarks -Dtest=CheckInBenchmark -Dbench.teachers=1000 -Dbench.clients=20 -Dbench.rates=100,200,400,600,800,1200,1600,2400 -Dbench.seconds=10 -Dbench.warmup=40 -Dbench.warmupRate=200}
 * Writes docs/benchmarks/check-in.md. Not part of the test suite (its name does not end
 * in Tests).
 */
@IntegrationTest
class CheckInBenchmark {

	private static final long P99_LIMIT_MICROS = 50_000;

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern PGBENCH_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

	@LocalRSocketServerPort
	int rsocketPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Test
	void checkInsPerSecondAgainstPgbench() throws Exception {
		// pgbench's clients: the size of the server's R2DBC pool
		int clients = Integer.getInteger("bench.clients", 20);
		// phones, each a teacher on an RSocket TCP connection of their own; each check-in
		// is
		// a distinct (teacher, event), so a teacher checks into check-ins ÷ teachers
		// events
		// (56 at the default sizes: about a year and a half of a busy teacher's card)
		int teacherCount = Integer.getInteger("bench.teachers", 1000);
		int seconds = Integer.getInteger("bench.seconds", 10);
		// long enough at a rate high enough for the JIT to have compiled the route: a
		// short warm-up measures the compiler (C2 took 40 % of the CPU of a 20 s one)
		int warmup = Integer.getInteger("bench.warmup", 40);
		int warmupRate = Integer.getInteger("bench.warmupRate", 200);
		int[] rates = Arrays.stream(System.getProperty("bench.rates", "100,200,400,600,800,1200,1600,2400").split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
		String loadBefore = Bench.loadAverage();

		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts accounts = new TestAccounts(this.context);
		long school = fixtures.organisation("Бенчмарк");
		long network = fixtures.network(school);
		fixtures.member(network, school);
		int sequential = Integer.getInteger("bench.sequential", 100);
		long checkIns = (long) warmupRate * warmup + sequential
				+ Arrays.stream(rates).mapToLong((rate) -> (long) rate * seconds).sum();
		int eventCount = (int) ((checkIns + teacherCount - 1) / teacherCount);
		long[] events = new long[eventCount];
		for (int i = 0; i < eventCount; i++) {
			events[i] = fixtures.liveEvent(network, school);
		}
		String[] words = codeWords(accounts.coordinatorOfAll(), events);
		List<Long> teachers = fixtures.teachers(school, teacherCount);
		List<RSocketRequester> phones = Flux.fromIterable(accounts.teachers(teachers)).flatMapSequential((teacher) -> {
			RSocketRequester phone = teacher.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
				.transport(
						TcpClientTransport.create(TcpClient.newConnection().host("localhost").port(this.rsocketPort)));
			return phone.rsocketClient().source().thenReturn(phone);
		}, 32).collectList().block(Duration.ofMinutes(5));

		PgbenchResult before = pgbench(clients, seconds);
		AtomicLong next = new AtomicLong();
		CheckInRun check = new CheckInRun(phones, events, words, next);
		check.step(warmupRate, warmup);
		Step oneByOne = check.oneByOne(sequential);
		List<Step> steps = new ArrayList<>();
		for (int rate : rates) {
			Step step = check.step(rate, seconds);
			steps.add(step);
			System.out.println(step.row());
			// past the limit, on until saturated: the ceiling
			if (step.accepted() < 0.9 * rate) {
				break;
			}
		}
		PgbenchResult after = pgbench(clients, seconds);
		phones.forEach(RSocketRequester::dispose);
		String loadAfter = Bench.loadAverage();

		double reference = (before.tps() + after.tps()) / 2;
		Step best = steps.stream()
			.filter((step) -> step.latency().getValueAtPercentile(99) <= P99_LIMIT_MICROS)
			.reduce((first, second) -> second)
			.orElse(null);
		double bestRate = (best != null) ? best.accepted() : 0;
		double ceiling = steps.stream().mapToDouble(Step::accepted).max().orElse(0);
		StringBuilder table = new StringBuilder();
		for (Step step : steps) {
			table.append(step.row()).append(String.format(" %.3f× |%n", step.accepted() / reference));
		}
		String report = """
				# W1: check-ins per second

				Measured %s by
				`./mvnw test -Pbenchmarks -Dtest=CheckInBenchmark -Dbench.teachers=%d -Dbench.clients=%d -Dbench.rates=%s -Dbench.seconds=%d -Dbench.warmup=%d -Dbench.warmupRate=%d`
				on this machine: %d cores, Java %s, %s (%s), load average %s before and %s after.

				%d teacher accounts, each on its own RSocket TCP connection, send self check-ins
				(`attendance.{eventId}.check-in`, the event's current code word) at an offered rate
				raised in steps of %d s past a request p99 of 50 ms until the server saturates (accepts under 90 %% of the offered rate); every check-in is a
				new participation (a distinct teacher and event) written with its change-log rows
				in one transaction (synchronous commit). Latency runs from sending the request to
				decoding the answer. The clients run in the server's JVM, on the same cores. The
				reference runs with %d clients, the size of the server's connection pool. A
				%d s warm-up at %d/s comes first and is not shown.

				**Reference**, same database, same run: `pgbench -n -M prepared -c %d -j 2 -T %d`,
				one transaction per row:
				`insert into bench_check_ins (event_id, teacher_id, role, method, recorded_at, client_id, recorded_by)
				values (1, nextval('bench_check_in_teachers'), 'listener', 'code_word', now(), gen_random_uuid(), 'bench')`
				into a copy of `participations` (`like participations including all`: its unique
				keys, checks and index, no foreign keys), synchronous commit `%s`.
				Before the steps: **%.0f TPS** (latency average %.2f ms); after: **%.0f TPS**
				(%.2f ms); the ratios use their mean, %.0f TPS.

				| offered/s | accepted/s | refused | failed | p50 | p95 | p99 | max | accepted ÷ pgbench TPS |
				|---|---|---|---|---|---|---|---|---|
				%s
				One at a time (a single client, one check-in in flight, after the warm-up): p50 %s,
				p99 %s over %d check-ins — the route's own latency without queueing.

				**Result**: the highest step with p99 ≤ 50 ms accepted **%.0f check-ins/s = %.3f× pgbench**
				(target ≥ 0.7×: %s). The most accepted at any step: %.0f/s = %.3f× pgbench.

				"Refused" are error frames with a code (expected: none); "failed" are other errors
				or answers that did not arrive within 30 s of the step's end.

				%s"""
			.formatted(Instant.now(), teacherCount, clients, joined(rates), seconds, warmup, warmupRate,
					Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
					Bench.serverVersion(this.database), TestDatabase.source(), loadBefore, loadAfter, teacherCount,
					seconds, clients, warmup, warmupRate, clients, seconds, synchronousCommit(), before.tps(),
					before.latencyMillis(), after.tps(), after.latencyMillis(), reference, table,
					Step.ms(oneByOne.latency().getValueAtPercentile(50)),
					Step.ms(oneByOne.latency().getValueAtPercentile(99)), oneByOne.latency().getTotalCount(), bestRate,
					bestRate / reference, (bestRate / reference >= 0.7) ? "met" : "**not met**", ceiling,
					ceiling / reference,
					Results
						.summary(List.of(Results.row("W1 check-ins/s at p99 ≤ 50 ms",
								"%.0f/s (ceiling %.0f/s)".formatted(bestRate, ceiling),
								"pgbench, same insert: %.0f TPS".formatted(reference), Bench.ratio(bestRate / reference)
										+ " (ceiling " + Bench.ratio(ceiling / reference) + ")",
								"≥ 0.7× pgbench", bestRate / reference >= 0.7))));
		Bench.write("check-in.md", report);
		Results.refresh();
	}

	private String[] codeWords(TestAccounts.Account coordinator, long[] events) {
		WebClient http = WebClient.builder()
			.baseUrl("http://localhost:" + this.httpPort)
			.defaultHeaders(coordinator::bearer)
			.build();
		Map<Integer, String> words = new ConcurrentHashMap<>();
		Flux.range(0, events.length)
			.flatMap((i) -> http.get()
				.uri("/api/events/{id}/code", events[i])
				.retrieve()
				.bodyToMono(JsonNode.class)
				.doOnNext((code) -> words.put(i, code.at("/word/code").asString())), 8)
			.blockLast(Duration.ofMinutes(2));
		String[] result = new String[events.length];
		words.forEach((i, word) -> result[i] = word);
		return result;
	}

	private PgbenchResult pgbench(int clients, int seconds) throws IOException, InterruptedException {
		this.database.sql("""
				create table if not exists bench_check_ins (like participations including all)
				""").then().block();
		this.database.sql("create sequence if not exists bench_check_in_teachers").then().block();
		Path script = Files.createTempFile("check-in", ".sql");
		Files.writeString(script,
				"""
						insert into bench_check_ins (event_id, teacher_id, role, method, recorded_at, client_id, recorded_by) \
						values (1, nextval('bench_check_in_teachers'), 'listener', 'code_word', now(), gen_random_uuid(), 'bench');
						""");
		URI url = URI.create(TestDatabase.jdbcUrl().substring("jdbc:".length()));
		ProcessBuilder builder = new ProcessBuilder(pgbenchCommand(), "-h", url.getHost(), "-p",
				String.valueOf(url.getPort()), "-U", TestDatabase.user(), "-n", "-M", "prepared", "-c",
				String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds), "-f", script.toString(),
				url.getPath().substring(1))
			.redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", TestDatabase.password());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("pgbench failed:\n" + output);
		}
		Files.delete(script);
		System.out.println(output);
		return new PgbenchResult(number(TPS, output), number(PGBENCH_LATENCY, output));
	}

	private static String pgbenchCommand() {
		String configured = System.getProperty("bench.pgbench");
		if (configured != null) {
			return configured;
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (Files.isExecutable(Path.of(dir, "pgbench"))) {
				return Path.of(dir, "pgbench").toString();
			}
		}
		for (String version : new String[] { "17", "16", "15" }) {
			Path debian = Path.of("/usr/lib/postgresql", version, "bin", "pgbench");
			if (Files.isExecutable(debian)) {
				return debian.toString();
			}
		}
		throw new IllegalStateException("pgbench not found: install postgresql-client or set -Dbench.pgbench=…");
	}

	private static double number(Pattern pattern, String output) {
		Matcher matcher = pattern.matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("Unexpected pgbench output:\n" + output);
		}
		return Double.parseDouble(matcher.group(1));
	}

	private String synchronousCommit() {
		return this.database.sql("show synchronous_commit").map((row) -> row.get(0, String.class)).one().block();
	}

	private static String joined(int[] rates) {
		return String.join(",", Arrays.stream(rates).mapToObj(String::valueOf).toList());
	}

	private record PgbenchResult(double tps, double latencyMillis) {
	}

	/** One step: the offered rate, what was accepted, and the request latency in µs. */
	private record Step(int offered, double accepted, long refused, long failed, Histogram latency) {

		String row() {
			return String.format("| %d | %.0f | %d | %d | %s | %s | %s | %s |", this.offered, this.accepted,
					this.refused, this.failed, ms(this.latency.getValueAtPercentile(50)),
					ms(this.latency.getValueAtPercentile(95)), ms(this.latency.getValueAtPercentile(99)),
					ms(this.latency.getMaxValue()));
		}

		static String ms(long micros) {
			return String.format("%.1f ms", micros / 1000.0);
		}

	}

	/**
	 * Sends check-in number n as teacher n mod C into event n div C, open loop: the
	 * offered rate does not wait for answers.
	 */
	private record CheckInRun(List<RSocketRequester> phones, long[] events, String[] words, AtomicLong next) {

		Step oneByOne(int count) {
			Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
			long accepted = 0;
			for (int i = 0; i < count; i++) {
				long n = this.next.getAndIncrement();
				int event = (int) (n / this.phones.size());
				long sent = System.nanoTime();
				this.phones.get((int) (n % this.phones.size()))
					.route("attendance.{id}.check-in", this.events[event])
					.data(Map.of("clientId", UUID.randomUUID(), "code", this.words[event], "scannedAt",
							Instant.now().toString()))
					.retrieveMono(JsonNode.class)
					.block(Duration.ofSeconds(30));
				latency.recordValue(Math.min((System.nanoTime() - sent) / 1000, TimeUnit.MINUTES.toMicros(1)));
				accepted++;
			}
			return new Step(0, accepted, 0, 0, latency);
		}

		Step step(int rate, int seconds) {
			Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
			AtomicLong accepted = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			AtomicLong failed = new AtomicLong();
			Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
			long start = System.nanoTime();
			AtomicLong lastAnswer = new AtomicLong(start);
			Flux.interval(Duration.ofNanos(1_000_000_000L / rate)).take((long) rate * seconds).flatMap((tick) -> {
				long n = this.next.getAndIncrement();
				int event = (int) (n / this.phones.size());
				Instant now = Instant.now();
				long sent = System.nanoTime();
				return this.phones.get((int) (n % this.phones.size()))
					.route("attendance.{id}.check-in", this.events[event])
					.data(Map.of("clientId", UUID.randomUUID(), "code", this.words[event], "scannedAt", now.toString()))
					.retrieveMono(JsonNode.class)
					.doOnNext((answer) -> {
						long end = System.nanoTime();
						synchronized (latency) {
							latency.recordValue(Math.min((end - sent) / 1000, TimeUnit.MINUTES.toMicros(1)));
						}
						lastAnswer.accumulateAndGet(end, Math::max);
						accepted.incrementAndGet();
					})
					.onErrorResume((ex) -> {
						if (ex instanceof ApplicationErrorException) {
							refused.incrementAndGet();
							refusals.computeIfAbsent(ex.getMessage(), (key) -> new AtomicLong()).incrementAndGet();
						}
						else {
							failed.incrementAndGet();
						}
						return reactor.core.publisher.Mono.empty();
					});
			}, 100_000)
				.timeout(Duration.ofSeconds(seconds + 30L))
				.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
				.blockLast();
			long sentCount = (long) rate * seconds;
			failed.addAndGet(sentCount - accepted.get() - refused.get() - failed.get());
			if (!refusals.isEmpty()) {
				System.out.println("Refusals at " + rate + "/s: " + refusals);
			}
			double elapsed = Math.max(seconds, (lastAnswer.get() - start) / 1e9);
			return new Step(rate, accepted.get() / elapsed, refused.get(), failed.get(), latency);
		}

	}

}
