package org.centrik.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration in advance: never more registered than the capacity however many register
 * at once, the rest on a waiting list served in arrival order.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationsIntegrationTests {

	private static final int CAPACITY = 5;

	private static final int TEACHERS = 40;

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	EventScene scene;

	@BeforeAll
	void scene() {
		this.scene = new EventScene(this.context, this.database);
	}

	@Test
	void manyRegisteringAtOnceNeverExceedTheCapacityAndTheFirstWaitingGetsAFreedSeat() {
		long event = publishedEvent(CAPACITY);
		List<Long> teachers = new ArrayList<>();
		for (int i = 0; i < TEACHERS; i++) {
			teachers.add(this.scene.teacher((i % 2 == 0) ? this.scene.a : this.scene.b));
		}
		List<JsonNode> results = Flux.fromIterable(teachers)
			.flatMap((teacher) -> this.http.post()
				.uri("/api/events/" + event + "/registrations")
				.headers(this.scene.coordinatorN::bearer)
				.bodyValue(Map.of("teacherId", teacher))
				.exchange()
				.returnResult(JsonNode.class)
				.getResponseBody()
				.next(), TEACHERS)
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(results).hasSize(TEACHERS);
		assertThat(results).filteredOn((result) -> result.get("status").asString().equals("registered"))
			.hasSize(CAPACITY);
		List<Integer> positions = results.stream()
			.filter((result) -> result.get("status").asString().equals("waitlisted"))
			.map((result) -> result.get("waitingPosition").asInt())
			.sorted()
			.toList();
		assertThat(positions).hasSize(TEACHERS - CAPACITY).doesNotHaveDuplicates();
		assertThat(count(event, "registered")).isEqualTo(CAPACITY);

		long first = this.database.sql("""
				select teacher_id from event_registrations where event_id = :event and status = 'waitlisted'
				order by registered_at, arrival limit 1
				""").bind("event", event).map((row) -> row.get(0, Long.class)).one().block();
		long leaving = results.stream()
			.filter((result) -> result.get("status").asString().equals("registered"))
			.findFirst()
			.orElseThrow()
			.get("teacherId")
			.asLong();
		this.http.delete()
			.uri("/api/events/" + event + "/registrations?teacherId=" + leaving)
			.headers(this.scene.coordinatorN::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("cancelled");
		assertThat(status(event, first)).isEqualTo("registered");
		assertThat(count(event, "registered")).isEqualTo(CAPACITY);
		assertThat(count(event, "waitlisted")).isEqualTo(TEACHERS - CAPACITY - 1);
	}

	@Test
	void aTeacherRegistersThemselfAndAnAdminTheirOwnTeachersAndRegisteringTwiceChangesNothing() {
		long event = publishedEvent(null);
		register(this.scene.accountB, event, null).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("registered");
		register(this.scene.accountB, event, null).expectStatus().isOk();
		long teacher = this.scene.teacher(this.scene.b);
		register(this.scene.adminB, event, teacher).expectStatus().isOk();
		register(this.scene.adminA, event, teacher).expectStatus().isForbidden();
		register(this.scene.accountA, event, this.scene.teacherB).expectStatus().isForbidden();
		assertThat(count(event, "registered")).isEqualTo(2);
		this.http.delete()
			.uri("/api/events/" + event + "/registrations")
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		this.http.delete()
			.uri("/api/events/" + event + "/registrations")
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(count(event, "registered")).isEqualTo(1);
	}

	@Test
	void aLargerCapacityGivesTheNewSeatsToTheWaitingListInOrder() {
		long event = publishedEvent(1);
		long first = this.scene.teacher(this.scene.a);
		long second = this.scene.teacher(this.scene.a);
		long third = this.scene.teacher(this.scene.a);
		for (long teacher : List.of(first, second, third)) {
			register(this.scene.adminA, event, teacher).expectStatus().isOk();
		}
		Map<String, Object> details = this.scene.details();
		details.put("capacity", 2);
		this.http.put()
			.uri("/api/events/" + event)
			.headers(this.scene.adminA::bearer)
			.bodyValue(details)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.registered")
			.isEqualTo(2)
			.jsonPath("$.waitlisted")
			.isEqualTo(1);
		assertThat(status(event, second)).isEqualTo("registered");
		assertThat(status(event, third)).isEqualTo("waitlisted");
	}

	private long publishedEvent(Integer capacity) {
		Map<String, Object> details = this.scene.details();
		details.put("capacity", capacity);
		long event = this.http.post()
			.uri("/api/events")
			.headers(this.scene.adminA::bearer)
			.bodyValue(details)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.asLong();
		this.http.post()
			.uri("/api/events/" + event + "/publish")
			.headers(this.scene.adminA::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		return event;
	}

	private WebTestClient.ResponseSpec register(TestAccounts.Account account, long event, Long teacher) {
		WebTestClient.RequestBodySpec request = this.http.post()
			.uri("/api/events/" + event + "/registrations")
			.headers(account::bearer);
		return ((teacher != null) ? request.bodyValue(Map.of("teacherId", teacher)) : request).exchange();
	}

	private long count(long event, String status) {
		return this.database
			.sql("select count(*) from event_registrations where event_id = :event and status = :status")
			.bind("event", event)
			.bind("status", status)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private String status(long event, long teacher) {
		return this.database.sql("select status from event_registrations where event_id = :event and teacher_id = :t")
			.bind("event", event)
			.bind("t", teacher)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
	}

}
