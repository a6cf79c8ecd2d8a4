package org.centrik.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

import org.centrik.CentrikApplication;
import org.centrik.support.Fixtures;
import org.centrik.security.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server nodes on one database, as behind a load balancer. Their slow poll is set to
 * an hour, so only NOTIFY, and the catch-up after the LISTEN connection comes back, can
 * deliver.
 */
class TwoNodesIntegrationTests {

	static ConfigurableApplicationContext nodeA;

	static ConfigurableApplicationContext nodeB;

	@BeforeAll
	static void startTwoNodes() {
		nodeA = node();
		nodeB = node();
	}

	@AfterAll
	static void stopNodes() {
		nodeA.close();
		nodeB.close();
	}

	@Test
	void changeCommittedOnOneNodeReachesSubscribersOfTheOtherAndSurvivesALostListenConnection() {
		DatabaseClient database = nodeA.getBean(DatabaseClient.class);
		Fixtures fixtures = new Fixtures(database);
		long school = fixtures.organisation("Школа");
		Topic topic = Topic.attendance(fixtures.liveEvent(fixtures.network(school), school));

		RSocketRequester requester = new TestAccounts(nodeB).coordinatorOfAll()
			.setup(nodeB.getBean(RSocketRequester.Builder.class).dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", Integer.parseInt(nodeB.getEnvironment().getProperty("local.rsocket.server.port")));
		Queue<JsonNode> received = new ConcurrentLinkedQueue<>();
		Disposable subscription = requester.route(topic.name() + ".stream")
			.data(Map.of())
			.retrieveFlux(JsonNode.class)
			.subscribe(received::add);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);

			append(topic, 0);
			await().atMost(Duration.ofSeconds(3)).until(() -> keys(received).equals(List.of("0")));

			String listener = nodeB.getBean(ChangeListener.class).applicationName();
			Boolean terminated = database
				.sql("select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = :name")
				.bind("name", listener)
				.map((row) -> row.get("done", Boolean.class))
				.one()
				.block();
			assertThat(terminated).isTrue();
			IntStream.rangeClosed(1, 20).forEach((n) -> append(topic, n));

			List<String> expected = IntStream.rangeClosed(0, 20).mapToObj(Integer::toString).toList();
			await().atMost(Duration.ofSeconds(15)).until(() -> keys(received).size() >= expected.size());
			assertThat(keys(received)).containsExactlyElementsOf(expected);
			List<Long> sequences = received.stream()
				.skip(1)
				.map((message) -> message.get("sequence").asLong())
				.toList();
			assertThat(sequences).isSorted().doesNotHaveDuplicates();
			await().atMost(Duration.ofSeconds(5))
				.until(() -> database.sql("select count(*) as n from pg_stat_activity where application_name = :name")
					.bind("name", listener)
					.map((row) -> row.get("n", Long.class))
					.one()
					.block() == 1);
		}
		finally {
			subscription.dispose();
			requester.dispose();
		}
	}

	private static void append(Topic topic, int n) {
		nodeA.getBean(ChangeLog.class)
			.append(topic, "test", Map.of("key", Integer.toString(n)))
			.as(nodeA.getBean(TransactionalOperator.class)::transactional)
			.block();
	}

	private static List<String> keys(Queue<JsonNode> received) {
		return received.stream()
			.filter((message) -> message.get("kind").asString().equals("change"))
			.map((message) -> message.at("/data/key").asString())
			.toList();
	}

	private static ConfigurableApplicationContext node() {
		return new SpringApplicationBuilder(CentrikApplication.class).run("--server.port=0",
				"--centrik.rsocket.tcp-port=0", "--centrik.live.poll-interval=1h");
	}

}
