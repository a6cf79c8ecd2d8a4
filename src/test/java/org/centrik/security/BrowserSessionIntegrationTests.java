package org.centrik.security;

import java.time.Duration;
import java.util.Map;

import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI's way in: a form login makes a session (cookie, new id at login), CSRF
 * guards every unsafe call of it, the session hands out RSocket tokens, and logout ends
 * the session and every token it handed out.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class BrowserSessionIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	ObjectProvider<RSocketRequester.Builder> requesters;

	@LocalRSocketServerPort
	int tcpPort;

	TestAccounts.Account teacher;

	long teacherId;

	@BeforeEach
	void teacher() {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Школа");
		fixtures.member(fixtures.network(school), school);
		this.teacherId = fixtures.teacher(school, "Логинова");
		this.teacher = new TestAccounts(this.context).teacher(this.teacherId);
	}

	@Test
	void loginMakesASessionThatIsTheUserUntilLogout() {
		String csrf = csrfToken();
		this.http.get().uri("/api/me").exchange().expectStatus().isUnauthorized();

		EntityExchangeResult<JsonNode> login = login(csrf, this.teacher.login(), TestAccounts.PASSWORD).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult();
		assertThat(login.getResponseBody().get("login").asString()).isEqualTo(this.teacher.login());
		assertThat(login.getResponseBody().get("teacherId").asLong()).isEqualTo(this.teacherId);
		assertThat(login.getResponseBody().at("/roles/0/role").asString()).isEqualTo("teacher");
		ResponseCookie session = login.getResponseCookies().getFirst("SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");

		this.http.get()
			.uri("/api/me")
			.cookie("SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.teacherId")
			.isEqualTo(this.teacherId);

		// the session's RSocket token: CSRF-protected, then good for the teacher's card
		this.http.post()
			.uri("/api/auth/session-token")
			.cookie("SESSION", session.getValue())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("csrf_invalid");
		String token = this.http.post()
			.uri("/api/auth/session-token")
			.cookie("SESSION", session.getValue())
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("accessToken")
			.asString();
		JsonNode card = rsocket(token).route("cards.{id}.stream", this.teacherId)
			.data(Map.of())
			.retrieveFlux(JsonNode.class)
			.blockFirst(Duration.ofSeconds(10));
		assertThat(card.get("kind").asString()).isEqualTo("snapshot");

		this.http.post()
			.uri("/logout")
			.cookie("SESSION", session.getValue())
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.exchange()
			.expectStatus()
			.isNoContent();
		this.http.get().uri("/api/me").cookie("SESSION", session.getValue()).exchange().expectStatus().isUnauthorized();
		this.http.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("token_revoked");
		assertThat(this.database
			.sql("select count(*) as n from audit_log where action = 'logout' and actor_login = :login")
			.bind("login", this.teacher.login())
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	@Test
	void loginWithoutTheCsrfTokenIsRefused() {
		this.http.post()
			.uri("/login")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("username", this.teacher.login()).with("password", TestAccounts.PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("csrf_invalid");
	}

	@Test
	void wrongPasswordAndUnknownLoginGetTheSameAnswer() {
		String csrf = csrfToken();
		String wrong = login(csrf, this.teacher.login(), "wrong-password").expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String unknown = login(csrf, "nobody-" + this.teacherId + "@test.example", "wrong-password").expectStatus()
			.isUnauthorized()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(wrong).contains("\"code\":\"bad_credentials\"").isEqualTo(unknown);
	}

	@Test
	void afterFiveFailuresTheAccountWaitsEvenWithTheRightPassword() {
		String csrf = csrfToken();
		for (int i = 0; i < 5; i++) {
			login(csrf, this.teacher.login(), "wrong-" + i).expectStatus().isUnauthorized();
		}
		login(csrf, this.teacher.login(), TestAccounts.PASSWORD).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("too_many_attempts");
	}

	@Test
	void responsesCarryTheSecurityHeaders() {
		this.http.get()
			.uri("/actuator/health")
			.exchange()
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.value("Content-Security-Policy", (csp) -> assertThat(csp).startsWith("default-src 'self'"));
	}

	@Test
	void corsIsClosedByDefault() {
		this.http.options()
			.uri("/api/me")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.exchange()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin");
	}

	private String csrfToken() {
		ResponseCookie cookie = this.http.get()
			.uri("/actuator/health")
			.exchange()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("XSRF-TOKEN");
		assertThat(cookie).as("XSRF-TOKEN cookie").isNotNull();
		assertThat(cookie.isHttpOnly()).isFalse();
		return cookie.getValue();
	}

	private WebTestClient.ResponseSpec login(String csrf, String login, String password) {
		MultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
		form.add("username", login);
		form.add("password", password);
		return this.http.post()
			.uri("/login")
			.cookie("XSRF-TOKEN", csrf)
			.header("X-XSRF-TOKEN", csrf)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private RSocketRequester rsocket(String token) {
		return this.requesters.getObject()
			.dataMimeType(MediaType.APPLICATION_JSON)
			.setupMetadata(new BearerTokenMetadata(token), TestAccounts.AUTHENTICATION)
			.rsocketStrategies((strategies) -> strategies.encoder(new BearerTokenAuthenticationEncoder()))
			.tcp("localhost", this.tcpPort);
	}

}
