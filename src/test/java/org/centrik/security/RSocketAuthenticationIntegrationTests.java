package org.centrik.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jwt.SignedJWT;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens on RSocket, over TCP and WebSocket: a SETUP without a token, or with an
 * expired, tampered or revoked one, is refused with {@code REJECTED_SETUP} and the code;
 * a request carrying such a bearer of its own on a good connection ends with that code
 * and leaves the connection serving; and an open stream ends with {@code token_expired}
 * once the token it runs under expires.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RSocketAuthenticationIntegrationTests {

	@LocalServerPort
	int httpPort;

	@LocalRSocketServerPort
	int tcpPort;

	@Autowired
	ObjectProvider<RSocketRequester.Builder> requesters;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	private final List<RSocketRequester> connections = new ArrayList<>();

	private TestAccounts accounts;

	private TestAccounts.Account coordinator;

	private String route;

	@BeforeAll
	void scene() {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Школа токенов");
		long network = fixtures.network(school);
		fixtures.member(network, school);
		this.route = "attendance." + fixtures.liveEvent(network, school) + ".stream";
		this.accounts = new TestAccounts(this.context);
		this.coordinator = this.accounts.coordinator(network);
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach(RSocketRequester::dispose);
		this.connections.clear();
	}

	/** Every refused token, on both transports. */
	Stream<Arguments> refusedTokens() {
		List<Arguments> cases = new ArrayList<>();
		for (Transport transport : Transport.values()) {
			cases.add(Arguments.of(transport, "expired", "token_expired"));
			cases.add(Arguments.of(transport, "tampered", "token_invalid"));
			cases.add(Arguments.of(transport, "revoked", "token_revoked"));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void setupWithoutTokenIsRejectedUnauthenticated(Transport transport) {
		RSocketRequester requester = connect(transport, null);

		StepVerifier.create(stream(requester, null))
			.expectErrorSatisfies((error) -> assertRejectedSetup(error, "unauthenticated"))
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0}: {1} → {2}")
	@MethodSource("refusedTokens")
	void setupWithABadTokenIsRejectedWithItsCode(Transport transport, String kind, String code) {
		RSocketRequester requester = connect(transport, token(kind));

		StepVerifier.create(stream(requester, null))
			.expectErrorSatisfies((error) -> assertRejectedSetup(error, code))
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0}: {1} → {2}")
	@MethodSource("refusedTokens")
	void requestWithABadBearerEndsWithItsCodeAndTheConnectionServesOn(Transport transport, String kind, String code) {
		RSocketRequester requester = connect(transport, this.coordinator.accessToken());

		StepVerifier.create(stream(requester, token(kind)))
			.expectErrorSatisfies((error) -> assertApplicationError(error, code))
			.verify(Duration.ofSeconds(10));
		StepVerifier.create(stream(requester, null).take(1))
			.assertNext((first) -> assertThat(first.get("kind").asString()).isEqualTo("snapshot"))
			.verifyComplete();
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void streamEndsWithTokenExpiredWhenTheSetupTokenExpires(Transport transport) {
		String shortLived = this.accounts.tokenExpiringIn(this.coordinator,
				Duration.ofSeconds(3).minus(Tokens.CLOCK_SKEW));
		RSocketRequester requester = connect(transport, shortLived);

		StepVerifier.create(stream(requester, null))
			.assertNext((first) -> assertThat(first.get("kind").asString()).isEqualTo("snapshot"))
			.thenConsumeWhile((message) -> true)
			.expectErrorSatisfies((error) -> {
				assertApplicationError(error, "token_expired");
				// expired 27 s ago, still accepted for the clock-skew allowance: the
				// stream
				// lasts exactly as long as the token would verify
				assertThat(Instant.now()).as("ended when the token stopped verifying, not before")
					.isAfterOrEqualTo(expiry(shortLived).plus(Tokens.CLOCK_SKEW).minusMillis(100));
			})
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(Transport.class)
	void streamUnderARequestBearerEndsWithTokenExpiredWhenThatBearerExpires(Transport transport) {
		String shortLived = this.accounts.tokenExpiringIn(this.coordinator,
				Duration.ofSeconds(3).minus(Tokens.CLOCK_SKEW));
		RSocketRequester requester = connect(transport, this.coordinator.accessToken());

		StepVerifier.create(stream(requester, shortLived))
			.assertNext((first) -> assertThat(first.get("kind").asString()).isEqualTo("snapshot"))
			.thenConsumeWhile((message) -> true)
			.expectErrorSatisfies((error) -> {
				assertApplicationError(error, "token_expired");
				assertThat(Instant.now()).as("ended when the request's token stopped verifying, not before")
					.isAfterOrEqualTo(expiry(shortLived).plus(Tokens.CLOCK_SKEW).minusMillis(100));
			})
			.verify(Duration.ofSeconds(10));
	}

	private String token(String kind) {
		return switch (kind) {
			case "expired" -> this.accounts.expiredToken(this.coordinator);
			case "tampered" -> tampered(this.coordinator.accessToken());
			case "revoked" -> {
				TestAccounts.Account loggedOut = this.accounts.coordinatorOfAll();
				this.accounts.logout(loggedOut);
				yield loggedOut.accessToken();
			}
			default -> throw new IllegalArgumentException(kind);
		};
	}

	/** One character of the signature changed: well-formed, signed by nobody. */
	private static String tampered(String jwt) {
		int at = jwt.lastIndexOf('.') + 10;
		char changed = (jwt.charAt(at) == 'A') ? 'B' : 'A';
		return jwt.substring(0, at) + changed + jwt.substring(at + 1);
	}

	private static Instant expiry(String jwt) {
		try {
			return SignedJWT.parse(jwt).getJWTClaimsSet().getExpirationTime().toInstant();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private RSocketRequester connect(Transport transport, String setupToken) {
		RSocketRequester.Builder builder = this.requesters.getObject()
			.dataMimeType(MediaType.APPLICATION_JSON)
			.rsocketStrategies((strategies) -> strategies.encoder(new BearerTokenAuthenticationEncoder()));
		if (setupToken != null) {
			builder = builder.setupMetadata(new BearerTokenMetadata(setupToken), TestAccounts.AUTHENTICATION);
		}
		RSocketRequester requester = switch (transport) {
			case TCP -> builder.tcp("localhost", this.tcpPort);
			case WEBSOCKET -> builder.websocket(URI.create("ws://localhost:" + this.httpPort + "/rsocket"));
		};
		this.connections.add(requester);
		return requester;
	}

	/**
	 * The event's attendance, as the connection's caller or as the request's own bearer.
	 */
	private Flux<JsonNode> stream(RSocketRequester requester, String requestToken) {
		RSocketRequester.RequestSpec request = requester.route(this.route);
		if (requestToken != null) {
			request = request.metadata(new BearerTokenMetadata(requestToken), TestAccounts.AUTHENTICATION);
		}
		return request.data(Map.of()).retrieveFlux(JsonNode.class);
	}

	private void assertRejectedSetup(Throwable error, String code) {
		assertThat(error).isInstanceOf(RejectedSetupException.class);
		assertThat(code().apply(error)).as(error.getMessage()).isEqualTo(code);
	}

	private void assertApplicationError(Throwable error, String code) {
		assertThat(error).isInstanceOf(ApplicationErrorException.class);
		assertThat(code().apply(error)).as(error.getMessage()).isEqualTo(code);
	}

	private Function<Throwable, String> code() {
		return (error) -> this.json.readTree(error.getMessage()).get("code").asString();
	}

	enum Transport {

		TCP, WEBSOCKET

	}

}
