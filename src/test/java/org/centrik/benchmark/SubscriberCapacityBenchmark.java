package org.centrik.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * W3: how many live subscribers one node holds with a bounded heap. The server runs as a
 * process of its own with a stated {@code -Xmx} (so its memory is its alone); a load
 * generator in another JVM ramps up RSocket subscriptions over TCP in steps, several
 * streams per connection. After each step one change is committed on every topic (by this
 * test's own node: it reaches the server under test by NOTIFY) and every held subscriber
 * must receive it; then the server's heap after a full GC ({@code jcmd}) and its resident
 * set are read.
 * <p>
 * Run (part of {@code ./mvnw test -Pbenchmarks}):
 * {@code ./mvnw test -Dtest=SubscriberCapacityBenchmark -Dbench.w3.steps=10000,20000,30000,40000,50000 -Dbench.w3.heap=3g -Dbench.w3.streams=5}
 * Writes docs/benchmarks/subscribers.md. Not part of the test suite.
 */
@IntegrationTest
class SubscriberCapacityBenchmark {

	private static final long TARGET_BYTES = 40 * 1024;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ChangeLog changeLog;

	@Autowired
	TransactionalOperator transaction;

	@Test
	void subscribersHeldByOneNode() throws Exception {
		int[] steps = Arrays.stream(System.getProperty("bench.w3.steps", "10000,20000,30000,40000,50000").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		String heap = System.getProperty("bench.w3.heap", "3g");
		int streams = Bench.integer("bench.w3.streams", 5);
		int topicCount = Bench.integer("bench.w3.topics", 100);
		String loadBefore = Bench.loadAverage();

		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Бенчмарк");
		long network = fixtures.network(school);
		List<Topic> topics = IntStream.range(0, topicCount)
			.mapToObj((i) -> Topic.attendance(fixtures.liveEvent(network, school)))
			.toList();
		String token = new TestAccounts(this.context).coordinatorOfAll().accessToken();
		int httpPort = freePort();
		int tcpPort = freePort();

		List<Step> rows = new ArrayList<>();
		long baseHeap;
		long baseRss;
		String stopped = null;
		try (Jvm server = Jvm.server(heap,
				List.of("--centrik.database.url=" + TestDatabase.url(), "--server.port=" + httpPort,
						"--centrik.rsocket.tcp-port=" + tcpPort, "--centrik.demo.enabled=false",
						"--centrik.events.transition-interval=1h", "--logging.level.root=warn"))) {
			awaitPort(tcpPort, server, 240);
			baseHeap = server.heapAfterGc();
			baseRss = server.rss();
			try (Jvm clients = Jvm.loadGenerator("3g",
					List.of("transport=rsocket-tcp", "host=127.0.0.1", "port=" + tcpPort, "token=" + token,
							"streams=" + streams,
							"routes=" + topics.stream()
								.map((topic) -> topic.name() + ".stream")
								.collect(Collectors.joining(","))))) {
				int held = 0;
				long expected = 0;
				for (int step : steps) {
					String[] answer = clients.command("add " + (step - held), 1800).split(" ");
					held = Integer.parseInt(answer[1]);
					long failed = Long.parseLong(answer[2]);
					long millis = Long.parseLong(answer[3]);
					// one change per topic: every subscriber watches one topic
					Flux.fromIterable(topics)
						.flatMap((topic) -> this.changeLog.append(topic, "benchmark", Map.of("step", step))
							.as(this.transaction::transactional), 4)
						.blockLast();
					expected += held - failed;
					long received = Long.parseLong(clients.command("wait " + expected + " 120", 180).split(" ")[1]);
					if (!server.alive()) {
						stopped = "the server died at " + step;
						break;
					}
					long used = server.heapAfterGc();
					long rss = server.rss();
					Step row = new Step(step, held, failed, millis, received, expected, used, rss, used - baseHeap,
							rss - baseRss);
					System.out.println(row.row());
					rows.add(row);
					if (failed > 0 || received < expected) {
						stopped = "subscriptions failed or did not all receive at " + step;
						break;
					}
				}
				clients.command("quit", 60);
			}
		}
		String loadAfter = Bench.loadAverage();

		Step last = rows.get(rows.size() - 1);
		boolean met = last.held() >= 50_000 && last.failed() == 0 && last.perSubscriber() <= TARGET_BYTES;
		String table = rows.stream().map(Step::row).collect(Collectors.joining("\n"));
		String summary = Results.summary(List.of(Results.row("W3 subscribers held by one node (-Xmx" + heap + ")",
				"%,d held, all receiving; %s heap per subscriber (%s RSS)".formatted(last.held() - last.failed(),
						kb(last.perSubscriber()), kb(last.rssDelta() / Math.max(1, last.held()))),
				"the idle server: heap %s, RSS %s".formatted(mb(baseHeap), mb(baseRss)),
				"heap %s of the %s bound".formatted(mb(last.heap()), heap), "≥ 50,000 at ≤ 40 KB each", met)));
		String report = """
				# W3: subscribers held by one node

				Measured %s by `./mvnw test -Dtest=SubscriberCapacityBenchmark -Dbench.w3.steps=%s -Dbench.w3.heap=%s -Dbench.w3.streams=%d -Dbench.w3.topics=%d`
				(part of `./mvnw test -Pbenchmarks`) on this machine: %s; load average %s before and %s after.

				The server runs as a process of its own: `java -Xmx%s -Xms%s -XX:+ExitOnOutOfMemoryError
				-cp <the application's classpath> org.centrik.CentrikApplication`, on this run's database,
				HTTP and RSocket TCP on ports of their own; nothing else connects to it. The load
				generator, another JVM (rsocket-java `RSocketRequester` clients), opens subscriptions to
				`attendance.{id}.stream` of %d live events in turn, **%d streams per connection**: a
				browser tab holds one RSocket connection and several streams (a dashboard watches its
				event, the upcoming events and a card), and multiplexing keeps the loopback's ~28,000
				ephemeral ports and the 20,000 file descriptors a process may open here
				(`ulimit -n`) out of the way; the connections' own cost is in the figures, shared by
				%d streams. Each subscription gets its snapshot first; after each step one change is
				committed on every topic and every subscriber held must receive it. Then `jcmd GC.run`
				and `GC.heap_info` give the heap in use after a full GC, and `/proc/<pid>/status` the
				resident set. Per subscriber: (heap − the idle server's heap) ÷ subscribers.

				The idle server (after start, before any subscription): heap %s after GC, RSS %s.

				| subscribers | refused or failed | time to subscribe the step | received the step's change | heap after GC | heap per subscriber | RSS | RSS per subscriber |
				|---|---|---|---|---|---|---|---|
				%s

				%s
				%s"""
			.formatted(Bench.now(), Arrays.stream(steps).mapToObj(String::valueOf).collect(Collectors.joining(",")),
					heap, streams, topicCount, Bench.machine(this.database), loadBefore, loadAfter, heap, heap,
					topicCount, streams, streams, mb(baseHeap), mb(baseRss), table,
					(stopped != null) ? "The ramp stopped: " + stopped + "." : "Every step held all its subscribers.",
					summary);
		Bench.write("subscribers.md", report);
		Results.refresh();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitPort(int port, Jvm server, int seconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			if (!server.alive()) {
				throw new IllegalStateException("The server process ended; see target/benchmark-server-*.log");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
				return;
			}
			catch (IOException ex) {
				Bench.sleep(500);
			}
		}
		throw new IllegalStateException("The server did not open port " + port + " in " + seconds + " s");
	}

	static String kb(long bytes) {
		return String.format("%.1f KB", bytes / 1024.0);
	}

	static String mb(long bytes) {
		return String.format("%,.0f MB", bytes / (1024.0 * 1024));
	}

	private record Step(int step, int held, long failed, long millis, long received, long expected, long heap, long rss,
			long heapDelta, long rssDelta) {

		long perSubscriber() {
			return this.heapDelta / Math.max(1, this.held);
		}

		String row() {
			return "| %,d | %,d | %.1f s | %,d of %,d | %s | %s | %s | %s |".formatted(this.held, this.failed,
					this.millis / 1000.0, this.received, this.expected, mb(this.heap), kb(perSubscriber()),
					mb(this.rss), kb(this.rssDelta / Math.max(1, this.held)));
		}

	}

}
