package org.centrik.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoints over HTTP. Every request comes from 127.0.0.1, so the address
 * throttle is set high here: only the account throttle is under test.
 */
@IntegrationTest(properties = "centrik.security.login.address.failures=100000")
@AutoConfigureWebTestClient
class AuthApiIntegrationTests {

	private static final String PASSWORD = "пароль-клиента-1";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient http;

	@Autowired
	Users users;

	@Autowired
	Tokens tokens;

	@Autowired
	SigningKeys keys;

	@Test
	void rightPasswordGivesTokensForTheUser() {
		User user = create(true);

		Map<String, Object> body = login(user.login(), PASSWORD).expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.noStore())
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		assertThat(body).containsEntry("tokenType", "Bearer").containsEntry("mustChangePassword", true);
		assertThat(((Number) body.get("expiresIn")).longValue()).isBetween(14 * 60L, 15 * 60L);
		assertThat(((Number) body.get("refreshExpiresIn")).longValue()).isGreaterThan(13 * 24 * 3600L);
		assertThat((String) body.get("refreshToken")).isNotBlank();
		AccessToken token = this.tokens.verify((String) body.get("accessToken")).block();
		assertThat(token.user()).isEqualTo(user.id());
		assertThat(token.login()).isEqualTo(user.login());
	}

	@Test
	void wrongPasswordAndUnknownLoginAnswerTheSame() {
		User user = create(false);

		Map<String, Object> wrongPassword = refused(login(user.login(), "не-тот-пароль"));
		Map<String, Object> unknownLogin = refused(login("nobody." + unique() + "@example.org", PASSWORD));

		assertThat(wrongPassword).containsEntry("code", "bad_credentials").containsEntry("status", 401);
		for (String field : List.of("type", "code", "title", "detail", "status")) {
			assertThat(unknownLogin.get(field)).as(field).isEqualTo(wrongPassword.get(field));
		}
		assertThat(wrongPassword).doesNotContainKeys("trace", "exception");
	}

	@Test
	void blankFieldsOrNoBodyAreBadCredentials() {
		User user = create(false);

		assertThat(refused(login(user.login(), ""))).containsEntry("code", "bad_credentials");
		assertThat(refused(login(null, PASSWORD))).containsEntry("code", "bad_credentials");
		assertThat(refused(this.http.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isUnauthorized())).containsEntry("code", "bad_credentials");
	}

	@Test
	void passwordLongerThanBcryptTakesIsBadCredentials() {
		User user = create(false);

		assertThat(refused(login(user.login(), "п".repeat(100)))).containsEntry("code", "bad_credentials");
		assertThat(refused(login("nobody." + unique() + "@example.org", "п".repeat(100)))).containsEntry("code",
				"bad_credentials");
	}

	@Test
	void afterTheAllowedFailuresEvenTheRightPasswordWaits() {
		User user = create(false);
		for (int i = 0; i < 5; i++) {
			login(user.login(), "неверный-" + i).expectStatus().isUnauthorized();
		}

		Map<String, Object> body = login(user.login(), PASSWORD).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Long.parseLong(seconds)).isPositive())
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		assertThat(body).containsEntry("code", "too_many_attempts").containsEntry("status", 429);
		assertThat(body).doesNotContainKeys("accessToken", "trace");
	}

	@Test
	void refreshRotatesAndTheOldTokenIsThenRevoked() {
		Map<String, Object> first = tokens(create(false));

		Map<String, Object> second = refresh((String) first.get("refreshToken")).expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		assertThat(second.get("refreshToken")).isNotEqualTo(first.get("refreshToken"));
		assertThat(second).containsEntry("tokenType", "Bearer").doesNotContainKey("mustChangePassword");
		assertThat(this.tokens.verify((String) second.get("accessToken")).block().user().value())
			.isEqualTo(this.tokens.verify((String) first.get("accessToken")).block().user().value());
		assertThat(refused(refresh((String) first.get("refreshToken")))).containsEntry("code", "token_revoked");
	}

	@Test
	void unknownOrMissingRefreshTokenIsInvalid() {
		assertThat(refused(refresh("never-issued-" + unique()))).containsEntry("code", "token_invalid");
		assertThat(refused(this.http.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange())).containsEntry("code", "token_invalid");
	}

	@Test
	void logoutRevokesTheRefreshToken() {
		Map<String, Object> issued = tokens(create(false));

		logout((String) issued.get("refreshToken")).expectStatus().isNoContent().expectBody().isEmpty();

		assertThat(refused(refresh((String) issued.get("refreshToken")))).containsEntry("code", "token_revoked");
	}

	@Test
	void logoutOfAnUnknownTokenIsNoContentToo() {
		logout("never-issued-" + unique()).expectStatus().isNoContent();
	}

	@Test
	void jwksHasThePublicPartsOfTheSigningKeysOnly() {
		String active = this.keys.active().block().getKeyID();

		Map<String, Object> body = this.http.get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.maxAge(Duration.ofSeconds(300)))
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> keys = (List<Map<String, Object>>) body.get("keys");
		// the database is shared: other tests rotate, so retired keys may be listed too
		assertThat(keys).isNotEmpty();
		assertThat(keys).extracting((key) -> key.get("kid")).contains(active).doesNotHaveDuplicates();
		assertThat(keys).allSatisfy((key) -> {
			assertThat(key).containsEntry("kty", "RSA").containsKeys("kid", "n", "e");
			assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
		});
	}

	@Test
	void malformedJsonIsBadInput() {
		for (String uri : List.of("/api/auth/token", "/api/auth/refresh", "/api/auth/logout")) {
			this.http.post()
				.uri(uri)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"login\": ")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.code")
				.isEqualTo("bad_input")
				.jsonPath("$.trace")
				.doesNotExist();
		}
	}

	private Map<String, Object> tokens(User user) {
		return login(user.login(), PASSWORD).expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
	}

	private WebTestClient.ResponseSpec login(String login, String password) {
		Map<String, Object> body = new HashMap<>();
		body.put("login", login);
		body.put("password", password);
		return this.http.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec refresh(String refreshToken) {
		return this.http.post()
			.uri("/api/auth/refresh")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange();
	}

	private WebTestClient.ResponseSpec logout(String refreshToken) {
		return this.http.post()
			.uri("/api/auth/logout")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("refreshToken", refreshToken))
			.exchange();
	}

	/** A 401 problem detail's body. */
	private static Map<String, Object> refused(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	private User create(boolean mustChangePassword) {
		return this.users
			.create(new NewUser("api." + unique() + "@example.org", PASSWORD, "Клиент API", null, List.of(),
					mustChangePassword), Actor.system())
			.block();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
