package org.centrik.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.centrik.CentrikApplication;
import org.centrik.attendance.CheckInCodesAt;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.PrivatePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL restarted in the middle of a burst of check-ins, under two nodes: writes
 * fail cleanly with the retryable code {@code unavailable} (never {@code internal}), the
 * phones retry with the same client ids, both nodes' LISTEN connections come back, and
 * the screens — which stay subscribed throughout — see every check-in once, in the log's
 * order. The server restarted is a private one ({@link PrivatePostgres}), never the one
 * the other tests share.
 */
class DatabaseRestartIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	static PrivatePostgres postgres;

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodesOnAPrivatePostgres() {
		long start = System.nanoTime();
		postgres = PrivatePostgres.start();
		CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> node());
		CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> node());
		nodeA = a.join();
		nodeB = b.join();
		System.out.printf("Private PostgreSQL and two nodes up in %.1f s%n", (System.nanoTime() - start) / 1e9);
	}

	@AfterAll
	static void stop() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void restartingPostgresqlInTheMiddleOfABurstLosesAndDoublesNothing() throws Exception {
		DatabaseClient database = nodeA.getBean(DatabaseClient.class);
		Fixtures fixtures = new Fixtures(database);
		TestAccounts accounts = new TestAccounts(nodeA);
		long school = fixtures.organisation("Рестарт");
		long network = fixtures.network(school);
		fixtures.member(network, school);
		long event = fixtures.liveEvent(network, school);
		TestAccounts.Account coordinator = accounts.coordinatorOfAll();
		Dashboard onA = new Dashboard(coordinator, builders(nodeA), event, List.of(port(nodeA), port(nodeB))).start();
		Dashboard onB = new Dashboard(coordinator, builders(nodeB), event, List.of(port(nodeB), port(nodeA))).start();
		String word = CheckInCodesAt.word(nodeA, event, Instant.now());

		int count = 30;
		List<Phone> phones = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TestAccounts.Account teacher = accounts.teacher(fixtures.teacher(school, "Рестартов" + i));
			phones.add((i % 2 == 0) ? new Phone(teacher, builders(nodeA), List.of(port(nodeA), port(nodeB)))
					: new Phone(teacher, builders(nodeB), List.of(port(nodeB), port(nodeA))));
		}
		long webTeacherId = fixtures.teacher(school, "Браузерова");
		TestAccounts.Account webTeacher = accounts.teacher(webTeacherId);
		await().atMost(Duration.ofSeconds(20)).until(() -> onA.ready() && onB.ready());

		ExecutorService door = Executors.newFixedThreadPool(count);
		List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Phone phone = phones.get(i);
				long delay = i * 60L;
				sent.add(door.submit(() -> {
					Phone.sleep(Duration.ofMillis(delay));
					JsonNode answer = phone.checkIn(event, UUID.randomUUID(), word, Instant.now(), Instant::now,
							PATIENCE);
					acknowledged.add(answer.at("/participation/participationId").asLong());
				}));
			}
			await().atMost(PATIENCE).until(() -> acknowledged.size() >= count / 3);
			int before = acknowledged.size();
			postgres.stop();
			// an HTTP check-in while PostgreSQL is down: 503 unavailable, nothing written
			EntityExchangeResult<byte[]> down = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + nodeA.getEnvironment().getProperty("local.server.port"))
				.responseTimeout(Duration.ofSeconds(20))
				.build()
				.post()
				.uri("/api/events/{id}/check-ins", event)
				.headers(webTeacher::bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("clientId", UUID.randomUUID().toString(), "code", word, "scannedAt",
						Instant.now().toString()))
				.exchange()
				.expectBody()
				.returnResult();
			Phone.sleep(Duration.ofSeconds(1));
			postgres.restart();
			assertThat(down.getStatus().value()).isEqualTo(503);
			assertThat(down.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(down.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
			assertThat(new String(down.getResponseBody())).contains("\"code\":\"unavailable\"");
			System.out.printf("PostgreSQL restarted after %d of %d check-ins were acknowledged%n", before, count);
			for (Future<?> future : sent) {
				future.get();
			}
			System.out.printf("Burst of %d check-ins with PostgreSQL restarted: %.1f s%n", count,
					(System.nanoTime() - start) / 1e9);
		}
		finally {
			door.shutdownNow();
			phones.forEach(Phone::close);
		}

		try {
			List<String> troubles = phones.stream().flatMap((phone) -> phone.troubles.stream()).toList();
			System.out.println("Phones' troubles: " + troubles);
			// the outage reaches a phone at its request or, when it connects during the
			// outage, at its connection's setup (the token is checked against the
			// database):
			// which of the two depends on timing, either is the retryable code
			assertThat(troubles).as("the outage was met with the retryable code")
				.containsAnyOf("unavailable", "setup unavailable");
			assertThat(troubles).as("nothing but the retryable codes, for requests and for connections")
				.allMatch((trouble) -> List.of("unavailable", "setup unavailable", "too_many_attempts")
					.contains(trouble));
			assertThat(acknowledged).hasSize(count).doesNotHaveDuplicates();
			assertThat(count(database, "select count(*) from participations where event_id = :event", event))
				.isEqualTo(count);
			assertThat(count(database, "select count(distinct teacher_id) from participations where event_id = :event",
					event))
				.isEqualTo(count);
			List<Long> stored = database.sql("select id from participations where event_id = :event")
				.bind("event", event)
				.map((row) -> row.get("id", Long.class))
				.all()
				.collectList()
				.block();
			assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
			assertThat(count(database, "select count(*) from participations where teacher_id = :event", webTeacherId))
				.as("the check-in refused with 503 wrote nothing")
				.isZero();

			// both nodes LISTEN again
			await().atMost(Duration.ofSeconds(15))
				.until(() -> database
					.sql("select count(*) from pg_stat_activity where application_name like 'centrik-listen-%'"
							+ " and query ilike 'listen%'")
					.map((row) -> row.get(0, Long.class))
					.one()
					.block() == 2);

			List<Long> logOrder = database
				.sql("select (payload ->> 'teacherId')::bigint as teacher from change_log where topic = :topic"
						+ " and type = 'participation.recorded' order by seq")
				.bind("topic", "attendance." + event)
				.map((row) -> row.get("teacher", Long.class))
				.all()
				.collectList()
				.block();
			if (logOrder.size() != count) {
				Evidence.print(database, event);
			}
			assertThat(logOrder).hasSize(count).doesNotHaveDuplicates();
			for (Dashboard screen : List.of(onA, onB)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> screen.checkedIn().size() >= count);
				assertThat(screen.checkedIn()).containsExactlyElementsOf(logOrder);
				assertThat(screen.sequences()).isSorted().doesNotHaveDuplicates();
				assertThat(screen.resubscriptions).as("the screen stayed subscribed").isEmpty();
			}
		}
		finally {
			onA.close();
			onB.close();
		}
	}

	private static Supplier<RSocketRequester.Builder> builders(ConfigurableApplicationContext node) {
		return () -> node.getBean(RSocketRequester.Builder.class);
	}

	private static int port(ConfigurableApplicationContext node) {
		return Integer.parseInt(node.getEnvironment().getProperty("local.rsocket.server.port"));
	}

	private static long count(DatabaseClient database, String sql, long event) {
		return database.sql(sql).bind("event", event).map((row) -> row.get(0, Long.class)).one().block();
	}

	private static ConfigurableApplicationContext node() {
		return new SpringApplicationBuilder(CentrikApplication.class).run("--centrik.database.url=" + postgres.url(),
				"--centrik.demo.enabled=false", "--server.port=0", "--centrik.rsocket.tcp-port=0");
	}

}
