package org.centrik.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.centrik.attendance.CheckInCodesAt;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.support.NodeProcess;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Centrik servers in processes of their own
 * ({@code java org.centrik.CentrikApplication} from the build, configured by environment
 * as in docker-compose.yml), on different ports and this run's database: one live state,
 * whichever node a client talks to, and no check-in lost or doubled when a node is killed
 * in the middle of a burst or a phone comes back after ten minutes offline. The clients
 * are real RSocket TCP clients; users and data come from this JVM's own server on the
 * same database (tokens are signed with the installation's keys, which every node reads
 * from the database).
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeProcessesIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	static NodeProcess nodeA;

	static NodeProcess nodeB;

	static long started;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	Fixtures fixtures;

	TestAccounts accounts;

	long school;

	long network;

	final List<AutoCloseable> clients = new ArrayList<>();

	/**
	 * Starts the two nodes while this JVM's own server starts; {@link #scene} waits for
	 * them.
	 */
	@BeforeAll
	static void startTwoNodes() {
		Map<String, String> environment = Map.of("CENTRIK_DATABASE_URL", TestDatabase.url(), "CENTRIK_DEMO_ENABLED",
				"false", "SERVER_PORT", "0", "CENTRIK_RSOCKET_TCP_PORT", "0");
		started = System.nanoTime();
		nodeA = NodeProcess.start("node-a", environment);
		nodeB = NodeProcess.start("node-b", environment);
	}

	@AfterAll
	static void stopNodes() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
	}

	@BeforeEach
	void scene() {
		double a = nodeA.awaitStarted(Duration.ofSeconds(180));
		double b = nodeB.awaitStarted(Duration.ofSeconds(180));
		if (started > 0) {
			System.out.printf("Two node processes up %.1f s after their start (Spring Boot: %.1f s and %.1f s)%n",
					(System.nanoTime() - started) / 1e9, a, b);
			started = 0;
		}
		this.fixtures = new Fixtures(this.database);
		this.accounts = new TestAccounts(this.context);
		this.school = this.fixtures.organisation("Два узла");
		this.network = this.fixtures.network(this.school);
		this.fixtures.member(this.network, this.school);
	}

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	@Test
	@Order(1)
	void aDashboardOnNodeBSeesEveryCheckInSentToNodeAInOrder() {
		long event = this.fixtures.liveEvent(this.network, this.school);
		TestAccounts.Account coordinator = this.accounts.coordinatorOfAll();
		Dashboard onB = dashboard(coordinator, event, nodeB, nodeB);
		await().atMost(Duration.ofSeconds(20)).until(onB::ready);
		assertThat(onB.snapshots.get(0).at("/data/participants").size()).isZero();
		String word = codeWord(coordinator, event, nodeA);

		List<Long> sent = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			long teacher = this.fixtures.teacher(this.school, "Узлов" + i);
			Phone phone = phone(this.accounts.teacher(teacher), nodeA);
			JsonNode answer = phone.checkIn(event, UUID.randomUUID(), word, Instant.now(), Instant::now, PATIENCE);
			assertThat(answer.path("created").asBoolean()).isTrue();
			assertThat(phone.troubles).isEmpty();
			sent.add(teacher);
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> onB.checkedIn().size() >= sent.size());
		assertThat(onB.checkedIn()).containsExactlyElementsOf(sent);
		assertThat(onB.sequences()).isSorted().doesNotHaveDuplicates();
		assertThat(onB.resubscriptions).isEmpty();
	}

	@Test
	@Order(2)
	void aPhoneOfflineForTenMinutesLandsItsQueuedCheckInsOnce() {
		// three sessions of a conference day, each scanned while the phone had no network
		Instant now = Instant.now();
		long teacher = this.fixtures.teacher(this.school, "Офлайнова");
		TestAccounts.Account phoneOwner = this.accounts.teacher(teacher);
		TestAccounts.Account coordinator = this.accounts.coordinatorOfAll();
		List<Long> events = new ArrayList<>();
		List<Instant> scans = List.of(now.minus(Duration.ofMinutes(10)), now.minus(Duration.ofMinutes(9)),
				now.minus(Duration.ofMinutes(8)));
		List<UUID> clientIds = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		List<String> codes = new ArrayList<>();
		for (Instant scan : scans) {
			long event = this.fixtures.event(this.network, this.school, now.minus(Duration.ofMinutes(40)),
					Duration.ofMinutes(90), "live");
			events.add(event);
			// the code word the host's screen showed when the phone scanned it
			codes.add(CheckInCodesAt.word(this.context, event, scan));
		}
		Dashboard onB = dashboard(coordinator, events.get(0), nodeB, nodeB);
		await().atMost(Duration.ofSeconds(20)).until(onB::ready);

		// back online: the queue is sent to node A, oldest first, with the phone's clock
		Phone phone = phone(phoneOwner, nodeA);
		List<Long> participations = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			JsonNode answer = phone.checkIn(events.get(i), clientIds.get(i), codes.get(i), scans.get(i), Instant::now,
					PATIENCE);
			assertThat(answer.path("created").asBoolean()).isTrue();
			assertThat(Instant.parse(answer.at("/participation/recordedAt").asString()))
				.isBetween(scans.get(i).minusSeconds(5), scans.get(i).plusSeconds(5));
			participations.add(answer.at("/participation/participationId").asLong());
		}
		// the answers were lost on the way: the queue sends the same check-ins again,
		// this
		// time through node B
		Phone again = phone(phoneOwner, nodeB);
		for (int i = 0; i < events.size(); i++) {
			JsonNode answer = again.checkIn(events.get(i), clientIds.get(i), codes.get(i), scans.get(i), Instant::now,
					PATIENCE);
			assertThat(answer.path("created").asBoolean()).isFalse();
			assertThat(answer.at("/participation/participationId").asLong()).isEqualTo(participations.get(i));
		}

		for (long event : events) {
			assertThat(count("select count(*) from participations where event_id = :event and teacher_id = " + teacher,
					event))
				.isEqualTo(1);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> onB.checkedIn().size() >= 1);
		Phone.sleep(Duration.ofSeconds(1));
		assertThat(onB.checkedIn()).containsExactly(teacher);
	}

	@Test
	@Order(3)
	void killingANodeInTheMiddleOfABurstLosesNoCheckIn() throws Exception {
		long event = this.fixtures.liveEvent(this.network, this.school);
		TestAccounts.Account coordinator = this.accounts.coordinatorOfAll();
		Dashboard onA = dashboard(coordinator, event, nodeA, nodeB);
		Dashboard onB = dashboard(coordinator, event, nodeB, nodeA);
		await().atMost(Duration.ofSeconds(20)).until(() -> onA.ready() && onB.ready());
		String word = codeWord(coordinator, event, nodeB);

		int count = 30;
		List<Long> teachers = new ArrayList<>();
		List<Phone> phones = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long teacher = this.fixtures.teacher(this.school, "Взрыв" + i);
			teachers.add(teacher);
			// two thirds of the phones reach node A first, as a load balancer spreads
			// them
			phones.add((i % 3 < 2) ? phone(this.accounts.teacher(teacher), nodeA, nodeB)
					: phone(this.accounts.teacher(teacher), nodeB, nodeA));
		}
		ExecutorService door = Executors.newFixedThreadPool(count);
		List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
		try {
			long start = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Phone phone = phones.get(i);
				long delay = i * 50L;
				sent.add(door.submit(() -> {
					Phone.sleep(Duration.ofMillis(delay));
					Instant scanned = Instant.now();
					JsonNode answer = phone.checkIn(event, UUID.randomUUID(), word, scanned, Instant::now, PATIENCE);
					acknowledged.add(answer.at("/participation/participationId").asLong());
				}));
			}
			// node A dies with check-ins in flight, a third of the way through the burst
			await().atMost(PATIENCE).until(() -> acknowledged.size() >= count / 3);
			int before = acknowledged.size();
			nodeA.kill();
			System.out.printf("Node A killed after %d of %d check-ins were acknowledged%n", before, count);
			for (Future<?> future : sent) {
				future.get();
			}
			System.out.printf("Burst of %d check-ins with a node killed: %.1f s%n", count,
					(System.nanoTime() - start) / 1e9);
		}
		finally {
			door.shutdownNow();
		}

		List<String> troubles = phones.stream().flatMap((phone) -> phone.troubles.stream()).toList();
		System.out.println("Phones' troubles: " + troubles);
		assertThat(troubles).as("the phones on node A lost their connection")
			.anyMatch((trouble) -> trouble.startsWith("connection"));
		assertThat(troubles).as("no server fault").doesNotContain("internal");
		assertThat(acknowledged).hasSize(count).doesNotHaveDuplicates();
		// in PostgreSQL: every acknowledged check-in exists, one participation per
		// teacher
		assertThat(count("select count(*) from participations where event_id = :event", event)).isEqualTo(count);
		assertThat(count("select count(distinct teacher_id) from participations where event_id = :event", event))
			.isEqualTo(count);
		List<Long> stored = this.database.sql("select id from participations where event_id = :event")
			.bind("event", event)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.block();
		assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);

		// both screens: every check-in once, in the order of the log; the one on node A
		// moved to node B and resumed from its last sequence
		List<Long> logOrder = this.database
			.sql("select (payload ->> 'teacherId')::bigint as teacher from change_log where topic = :topic"
					+ " and type = 'participation.recorded' order by seq")
			.bind("topic", "attendance." + event)
			.map((row) -> row.get("teacher", Long.class))
			.all()
			.collectList()
			.block();
		if (logOrder.size() != count) {
			Evidence.print(this.database, event);
		}
		assertThat(logOrder).containsExactlyInAnyOrderElementsOf(teachers);
		for (Dashboard screen : List.of(onA, onB)) {
			await().atMost(Duration.ofSeconds(15)).until(() -> screen.checkedIn().size() >= count);
			assertThat(screen.checkedIn()).containsExactlyElementsOf(logOrder);
			assertThat(screen.sequences()).isSorted().doesNotHaveDuplicates();
		}
		assertThat(onA.resubscriptions).isNotEmpty().allMatch((entry) -> entry.startsWith(nodeB.rsocketPort() + " "));
		assertThat(onB.resubscriptions).isEmpty();
	}

	private Phone phone(TestAccounts.Account teacher, NodeProcess... nodes) {
		Phone phone = new Phone(teacher, builders(), ports(nodes));
		this.clients.add(phone);
		return phone;
	}

	private Dashboard dashboard(TestAccounts.Account viewer, long event, NodeProcess... nodes) {
		Dashboard dashboard = new Dashboard(viewer, builders(), event, ports(nodes)).start();
		this.clients.add(dashboard);
		return dashboard;
	}

	private Supplier<RSocketRequester.Builder> builders() {
		return () -> this.context.getBean(RSocketRequester.Builder.class);
	}

	private static List<Integer> ports(NodeProcess... nodes) {
		return Arrays.stream(nodes).map(NodeProcess::rsocketPort).toList();
	}

	/** The code word the host's screen shows now, as node gives it. */
	private String codeWord(TestAccounts.Account host, long event, NodeProcess node) {
		JsonNode shown = WebClient.create("http://localhost:" + node.httpPort())
			.get()
			.uri("/api/events/{id}/code", event)
			.headers(host::bearer)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		return shown.at("/word/code").asString();
	}

	private long count(String sql, long event) {
		return this.database.sql(sql).bind("event", event).map((row) -> row.get(0, Long.class)).one().block();
	}

}
