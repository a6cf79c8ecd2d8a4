package org.centrik.security;

import java.util.List;
import java.util.Map;

import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and roles over HTTP: who may create them and give which role, the one-time
 * password and its forced change, and the audit log the coordinator reads.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class AccountsApiIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	TestAccounts accounts;

	long network;

	long school;

	long otherSchool;

	long teacher;

	long otherTeacher;

	@BeforeEach
	void scene() {
		Fixtures fixtures = new Fixtures(this.database);
		this.school = fixtures.organisation("Школа");
		this.otherSchool = fixtures.organisation("Другая школа");
		this.network = fixtures.network(this.school);
		fixtures.member(this.network, this.school);
		fixtures.member(this.network, this.otherSchool);
		this.teacher = fixtures.teacher(this.school, "Новикова");
		this.otherTeacher = fixtures.teacher(this.otherSchool, "Чужая");
		this.accounts = new TestAccounts(this.context);
	}

	@Test
	void anAdminCreatesTeacherAccountsOfTheirSchoolOnlyWhoMustChangeTheOneTimePassword() {
		TestAccounts.Account admin = this.accounts.admin(this.school);
		JsonNode created = create(admin, this.teacher, Map.of("role", "teacher")).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		String login = created.get("login").asString();
		String oneTime = created.get("oneTimePassword").asString();
		assertThat(oneTime).hasSize(16);

		create(admin, this.otherTeacher, Map.of("role", "teacher")).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("forbidden");
		create(admin, null, Map.of("role", "expert", "network", this.network)).expectStatus().isForbidden();

		JsonNode tokens = token(login, oneTime);
		assertThat(tokens.get("mustChangePassword").asBoolean()).isTrue();
		String access = tokens.get("accessToken").asString();
		this.http.get()
			.uri("/api/networks")
			.headers((headers) -> headers.setBearerAuth(access))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("password_change_required");
		this.http.post()
			.uri("/api/auth/password")
			.headers((headers) -> headers.setBearerAuth(access))
			.bodyValue(Map.of("currentPassword", oneTime, "newPassword", "short"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("weak_password");
		String renewed = this.http.post()
			.uri("/api/auth/password")
			.headers((headers) -> headers.setBearerAuth(access))
			.bodyValue(Map.of("currentPassword", oneTime, "newPassword", "новый пароль учителя"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("accessToken")
			.asString();
		// the old token's session ended with the change; the new one works
		this.http.get()
			.uri("/api/networks")
			.headers((headers) -> headers.setBearerAuth(access))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("token_revoked");
		this.http.get()
			.uri("/api/networks")
			.headers((headers) -> headers.setBearerAuth(renewed))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(token(login, "новый пароль учителя").get("mustChangePassword").asBoolean()).isFalse();
	}

	@Test
	void aNetworksCoordinatorGrantsRolesInTheirNetworkOnlyAndTheAuditLogSaysWho() {
		TestAccounts.Account coordinator = this.accounts.coordinator(this.network);
		TestAccounts.Account stranger = this.accounts.nobody();
		long otherNetwork = new Fixtures(this.database).network(this.otherSchool);

		grant(coordinator, stranger, Map.of("role", "expert", "network", this.network)).expectStatus().isNoContent();
		grant(coordinator, stranger, Map.of("role", "organisation_admin", "organisation", this.otherSchool))
			.expectStatus()
			.isNoContent();
		grant(coordinator, stranger, Map.of("role", "expert", "network", otherNetwork)).expectStatus().isForbidden();
		grant(coordinator, stranger, Map.of("role", "coordinator")).expectStatus().isForbidden();
		this.http.delete()
			.uri("/api/users/{id}/roles?role=expert&network={network}", stranger.id().value(), this.network)
			.headers(coordinator::bearer)
			.exchange()
			.expectStatus()
			.isNoContent();

		List<JsonNode> entries = this.http.get()
			.uri("/api/audit?size=20")
			.headers(coordinator::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(entries).extracting((entry) -> entry.get("action").asString())
			.startsWith("role_revoked", "role_granted", "role_granted");
		assertThat(entries.get(0).at("/actor/login").asString()).isEqualTo(coordinator.login());

		this.http.get()
			.uri("/api/audit")
			.headers(this.accounts.admin(this.school)::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get()
			.uri("/api/audit?action=nonsense")
			.headers(coordinator::bearer)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input");
	}

	private WebTestClient.ResponseSpec create(TestAccounts.Account by, Long teacher, Map<String, Object> role) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("login", "new-" + System.nanoTime() + "@test.example",
				"displayName", "Новый пользователь", "roles", List.of(role)));
		if (teacher != null) {
			body.put("teacherId", teacher);
		}
		return this.http.post()
			.uri("/api/users")
			.headers(by::bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec grant(TestAccounts.Account by, TestAccounts.Account to,
			Map<String, Object> role) {
		return this.http.put()
			.uri("/api/users/{id}/roles", to.id().value())
			.headers(by::bearer)
			.bodyValue(role)
			.exchange();
	}

	private JsonNode token(String login, String password) {
		return this.http.post()
			.uri("/api/auth/token")
			.bodyValue(Map.of("login", login, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
