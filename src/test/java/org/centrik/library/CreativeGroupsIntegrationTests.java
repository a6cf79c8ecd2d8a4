package org.centrik.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creative group applications (rule 8): a teacher applies as leader with members of at
 * least two schools of the network; the coordinator creates or rejects with reasons,
 * within seven days.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreativeGroupsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	LibraryScene scene;

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
	}

	@Test
	void teacherAppliesAsLeaderAndTheCoordinatorCreatesTheGroupWithinSevenDays() {
		CreativeGroup applied = apply(this.scene.authorAccount, List.of(this.scene.readerTeacher)).expectStatus()
			.isCreated()
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
		assertThat(applied.state()).isEqualTo("applied");
		assertThat(applied.leaderId()).isEqualTo(this.scene.author);
		assertThat(applied.members()).extracting(CreativeGroup.Member::teacherId)
			.containsExactlyInAnyOrder(this.scene.author, this.scene.readerTeacher);
		assertThat(Duration.between(applied.appliedAt(), applied.decisionDueAt())).isEqualTo(Duration.ofDays(7));
		assertThat(applied.overdue()).isFalse();

		decide(applied.id(), this.scene.adminA, "create", null).expectStatus().isForbidden();
		decide(applied.id(), this.scene.expert, "create", null).expectStatus().isForbidden();
		assertThat(state(applied.id())).isEqualTo("applied");

		CreativeGroup created = decide(applied.id(), this.scene.coordinator, "create", null).expectStatus()
			.isOk()
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.state()).isEqualTo("created");
		assertThat(created.decidedAt()).isNotNull();
		decide(applied.id(), this.scene.coordinator, "reject", "Поздно").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("already_decided");
		this.http.get()
			.uri("/api/creative-groups/{id}", applied.id())
			.headers(this.scene.adminB::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get()
			.uri("/api/creative-groups/{id}", applied.id())
			.headers(this.scene.outsider::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void rejectionNeedsReasons() {
		CreativeGroup applied = apply(this.scene.colleagueAccount, List.of(this.scene.readerTeacher))
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
		decide(applied.id(), this.scene.coordinator, "reject", " ").expectStatus().isBadRequest();
		CreativeGroup rejected = decide(applied.id(), this.scene.coordinator, "reject",
				"Проблема уже решается другой группой")
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
		assertThat(rejected.state()).isEqualTo("rejected");
		assertThat(rejected.decisionReason()).isEqualTo("Проблема уже решается другой группой");
	}

	@Test
	void membersFromOneSchoolOnlyOrFromOutsideTheNetworkAreRefusedAndNothingIsStored() {
		long before = count();
		apply(this.scene.authorAccount, List.of(this.scene.colleague)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("one_school");
		apply(this.scene.authorAccount, List.of(this.scene.outsiderTeacher)).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_member");
		// only a teacher applies, and only in a network their school is a member of
		apply(this.scene.adminA, List.of(this.scene.author, this.scene.readerTeacher)).expectStatus().isForbidden();
		apply(this.scene.outsider, List.of(this.scene.readerTeacher)).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_member");
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void anApplicationWaitingMoreThanSevenDaysIsOverdue() {
		Instant monday = Instant.parse("2026-11-23T09:00:00Z");
		assertThat(CreativeGroup.decisionDueAt(monday)).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
		assertThat(CreativeGroup.overdue(monday, null, Clock.fixed(monday.plus(Duration.ofDays(7)), ZoneOffset.UTC)))
			.isFalse();
		assertThat(CreativeGroup.overdue(monday, null,
				Clock.fixed(monday.plus(Duration.ofDays(7)).plusSeconds(1), ZoneOffset.UTC)))
			.isTrue();
	}

	private WebTestClient.ResponseSpec apply(TestAccounts.Account by, List<Long> members) {
		Map<String, Object> body = new HashMap<>();
		body.put("networkId", this.scene.network);
		body.put("name", "МТГ «Функциональная грамотность»");
		body.put("problem", "Низкая читательская грамотность в 5–6 классах");
		body.put("expectedResult", "Банк заданий и методические рекомендации");
		body.put("termFrom", "2026-09-01");
		body.put("termTo", "2027-05-31");
		body.put("memberIds", members);
		return this.http.post().uri("/api/creative-groups").headers(by::bearer).bodyValue(body).exchange();
	}

	private WebTestClient.ResponseSpec decide(long group, TestAccounts.Account by, String decision, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("decision", decision);
		body.put("reason", reason);
		return this.http.post()
			.uri("/api/creative-groups/{id}/decision", group)
			.headers(by::bearer)
			.bodyValue(body)
			.exchange();
	}

	private String state(long group) {
		return this.scene.database.sql("select state from creative_groups where id = :id")
			.bind("id", group)
			.map((row) -> row.get("state", String.class))
			.one()
			.block();
	}

	private long count() {
		return this.scene.database.sql("select count(*) as n from creative_groups where network_id = :network")
			.bind("network", this.scene.network)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

}
