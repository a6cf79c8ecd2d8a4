package org.centrik.security;

import java.time.Instant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import org.centrik.security.TokenRejectedException.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access and refresh tokens on the shared database. Most tests wire the token service by
 * hand with a {@link MovingClock}; the signing keys are shared with every other test.
 */
@IntegrationTest
class TokensIntegrationTests {

	private static final Duration ACCESS_TTL = Duration.ofMinutes(15);

	private static final Duration REFRESH_TTL = Duration.ofDays(14);

	@Autowired
	Tokens configured;

	@Autowired
	Users users;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveTransactionManager transactionManager;

	private final MovingClock clock = new MovingClock(Instant.now());

	private SigningKeys keys;

	private Tokens tokens;

	private User user;

	private NetworkId network;

	@BeforeEach
	void wire() {
		TransactionalOperator transaction = TransactionalOperator.create(this.transactionManager);
		this.keys = new SigningKeys(this.database, transaction, this.clock);
		this.tokens = new Tokens(this.keys, this.users, this.database, transaction, this.clock, ACCESS_TTL,
				REFRESH_TTL);
		Fixtures fixtures = new Fixtures(this.database);
		long organisation = fixtures.organisation("Школа");
		this.network = new NetworkId(fixtures.network(organisation));
		this.user = this.users
			.create(new NewUser("tokens." + UUID.randomUUID().toString().substring(0, 8) + "@example.org",
					"пароль-токенов", "Токен Токенович", null,
					List.of(Grant.coordinator(this.network), Grant.organisationAdmin(new OrganisationId(organisation))),
					false), Actor.system())
			.block();
	}

	@Test
	void issuedAccessTokenVerifiesWithTheUsersClaims() {
		IssuedTokens issued = this.configured.issue(this.user).block();

		this.configured.verify(issued.accessToken()).as(StepVerifier::create).assertNext((token) -> {
			assertThat(token.user()).isEqualTo(this.user.id());
			assertThat(token.login()).isEqualTo(this.user.login());
			assertThat(token.grants()).containsExactlyInAnyOrderElementsOf(this.user.grants());
			assertThat(token.expiresAt()).isEqualTo(token.issuedAt().plus(Duration.ofMinutes(15)))
				.isEqualTo(issued.accessTokenExpiresAt());
			assertThat(token.id()).isNotBlank();
		}).verifyComplete();
		assertThat(issued.refreshTokenExpiresAt()).isAfter(issued.accessTokenExpiresAt().plus(Duration.ofDays(13)));
	}

	@Test
	void accessTokenHeaderNamesTheKeyAndTheIssuerIsCentrik() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.tokens.issue(this.user).block().accessToken());

		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.keys.active().block().getKeyID());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(SigningKeys.ALGORITHM);
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("centrik");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo(String.valueOf(this.user.id().value()));
	}

	@Test
	void accessTokenPastItsLifetimeIsExpired() {
		String token = this.tokens.issue(this.user).block().accessToken();
		this.clock.move(ACCESS_TTL.plusMinutes(1));

		rejected(this.tokens.verify(token), Reason.EXPIRED, "token_expired");
	}

	@Test
	void accessTokenWithAChangedPayloadIsInvalid() {
		String[] parts = this.tokens.issue(this.user).block().accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(this.user.login(), "intruder@example.org");
		String forged = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];

		rejected(this.tokens.verify(forged), Reason.BAD_SIGNATURE, "token_invalid");
	}

	@Test
	void accessTokenWithAChangedSignatureIsInvalid() {
		String token = this.tokens.issue(this.user).block().accessToken();
		int middle = token.lastIndexOf('.') + 20;
		String forged = token.substring(0, middle) + ((token.charAt(middle) == 'A') ? 'B' : 'A')
				+ token.substring(middle + 1);

		rejected(this.tokens.verify(forged), Reason.BAD_SIGNATURE, "token_invalid");
	}

	@Test
	void accessTokenSignedByAKeyNotInTheTableIsInvalid() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();

		rejected(this.tokens.verify(signedBy(stranger)), Reason.UNKNOWN_KEY, "token_invalid");
	}

	@Test
	void accessTokenSignedByAnotherKeyUnderAKnownKidIsInvalid() throws Exception {
		String kid = this.keys.active().block().getKeyID();
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(kid).generate();

		rejected(this.tokens.verify(signedBy(impostor)), Reason.BAD_SIGNATURE, "token_invalid");
	}

	@Test
	void malformedOrUnsignedAccessTokensAreInvalid() {
		String unsigned = new PlainJWT(new JWTClaimsSet.Builder().issuer("centrik")
			.subject(String.valueOf(this.user.id().value()))
			.expirationTime(Date.from(this.clock.instant().plus(ACCESS_TTL)))
			.build()).serialize();

		rejected(this.tokens.verify("not-a-token"), Reason.MALFORMED, "token_invalid");
		rejected(this.tokens.verify(""), Reason.MALFORMED, "token_invalid");
		rejected(this.tokens.verify(null), Reason.MALFORMED, "token_invalid");
		rejected(this.tokens.verify(unsigned), Reason.MALFORMED, "token_invalid");
	}

	@Test
	void afterRotationTokensOfTheRetiredKeyStillVerifyAndNewOnesCarryTheNewKey() throws Exception {
		String retiredKid = this.keys.active().block().getKeyID();
		String before = this.tokens.issue(this.user).block().accessToken();

		String activeKid = this.keys.rotate().block().getKeyID();
		String after = this.tokens.issue(this.user).block().accessToken();

		assertThat(activeKid).isNotEqualTo(retiredKid);
		this.tokens.verify(before)
			.as(StepVerifier::create)
			.assertNext((token) -> assertThat(token.keyId()).isEqualTo(retiredKid))
			.verifyComplete();
		assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(activeKid);
		this.configured.verify(after)
			.as(StepVerifier::create)
			.assertNext((token) -> assertThat(token.keyId()).isEqualTo(activeKid))
			.verifyComplete();
		assertThat(this.database.sql("select retired_at is not null as retired from signing_keys where kid = :kid")
			.bind("kid", retiredKid)
			.map((row) -> row.get("retired", Boolean.class))
			.one()
			.block()).isTrue();
		assertThat(this.database.sql("select count(*) as n from signing_keys where retired_at is null")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isOne();
	}

	@Test
	void refreshRotatesAndReusingTheOldTokenRevokesTheFamily() {
		IssuedTokens first = this.tokens.issue(this.user).block();
		IssuedTokens second = this.tokens.refresh(first.refreshToken()).block();

		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
		this.tokens.verify(second.accessToken())
			.as(StepVerifier::create)
			.assertNext((token) -> assertThat(token.user()).isEqualTo(this.user.id()))
			.verifyComplete();
		assertThat(replacedBy(first.refreshToken())).isEqualTo(id(second.refreshToken()));

		rejected(this.tokens.refresh(first.refreshToken()), Reason.REVOKED, "token_revoked");
		rejected(this.tokens.refresh(second.refreshToken()), Reason.REVOKED, "token_revoked");
		assertThat(liveRefreshTokens()).isZero();
	}

	@Test
	void concurrentRefreshesOfOneTokenLeaveOneWinnerAndRevokeTheFamily() {
		IssuedTokens issued = this.tokens.issue(this.user).block();

		List<Object> outcomes = Flux.range(0, 4)
			.flatMap((attempt) -> this.tokens.refresh(issued.refreshToken())
				.<Object>map((tokens) -> tokens)
				.onErrorResume(TokenRejectedException.class, (rejected) -> Mono.just(rejected.code())))
			.collectList()
			.block();

		assertThat(outcomes).filteredOn(IssuedTokens.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(String.class::isInstance).containsOnly("token_revoked").hasSize(3);
		assertThat(liveRefreshTokens()).isZero();
	}

	@Test
	void disabledUserGetsNoTokens() {
		User disabled = new User(this.user.id(), this.user.login(), this.user.displayName(), null, null, false, false,
				this.user.grants());

		this.tokens.issue(disabled).as(StepVerifier::create).verifyError(IllegalArgumentException.class);
	}

	@Test
	void logoutRevokesTheFamily() {
		IssuedTokens first = this.tokens.issue(this.user).block();
		IssuedTokens second = this.tokens.refresh(first.refreshToken()).block();
		IssuedTokens otherDevice = this.tokens.issue(this.user).block();

		this.tokens.revoke(second.refreshToken()).as(StepVerifier::create).verifyComplete();

		rejected(this.tokens.refresh(second.refreshToken()), Reason.REVOKED, "token_revoked");
		assertThat(this.tokens.refresh(otherDevice.refreshToken()).block()).isNotNull();
		this.tokens.revoke("never-issued").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void expiredRefreshTokenFails() {
		IssuedTokens issued = this.tokens.issue(this.user).block();
		this.clock.move(REFRESH_TTL.plusMinutes(1));

		rejected(this.tokens.refresh(issued.refreshToken()), Reason.EXPIRED, "token_expired");
	}

	@Test
	void unknownRefreshTokenFails() {
		rejected(this.tokens.refresh("never-issued"), Reason.UNKNOWN, "token_invalid");
		rejected(this.tokens.refresh(""), Reason.UNKNOWN, "token_invalid");
	}

	@Test
	void refreshForADisabledUserFailsAndRevokesTheFamily() {
		IssuedTokens issued = this.tokens.issue(this.user).block();
		this.database.sql("update users set enabled = false where id = :id")
			.bind("id", this.user.id().value())
			.then()
			.block();

		rejected(this.tokens.refresh(issued.refreshToken()), Reason.REVOKED, "token_revoked");
		assertThat(liveRefreshTokens()).isZero();
	}

	@Test
	void onlyTheHashOfARefreshTokenIsStored() {
		IssuedTokens issued = this.tokens.issue(this.user).block();

		List<String> rows = this.database
			.sql("select r::text as row, encode(token_hash, 'hex') as hash from refresh_tokens r where user_id = :user")
			.bind("user", this.user.id().value())
			.map((row) -> row.get("row", String.class) + " " + row.get("hash", String.class))
			.all()
			.collectList()
			.block();

		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).doesNotContain(issued.refreshToken())
			.contains(HexFormat.of().formatHex(Tokens.hash(issued.refreshToken())));
		assertThat(rows.get(0)).doesNotContain(
				HexFormat.of().formatHex(issued.refreshToken().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
	}

	private String signedBy(RSAKey key) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer("centrik")
					.subject(String.valueOf(this.user.id().value()))
					.claim("login", this.user.login())
					.issueTime(Date.from(this.clock.instant()))
					.expirationTime(Date.from(this.clock.instant().plus(ACCESS_TTL)))
					.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static void rejected(Mono<?> call, Reason reason, String code) {
		call.as(StepVerifier::create)
			.expectErrorSatisfies(
					(error) -> assertThat(error).isInstanceOfSatisfying(TokenRejectedException.class, (rejected) -> {
						assertThat(rejected.reason()).isEqualTo(reason);
						assertThat(rejected.code()).isEqualTo(code);
					}))
			.verify();
	}

	private UUID id(String refreshToken) {
		return this.database.sql("select id from refresh_tokens where token_hash = :hash")
			.bind("hash", Tokens.hash(refreshToken))
			.map((row) -> row.get("id", UUID.class))
			.one()
			.block();
	}

	private UUID replacedBy(String refreshToken) {
		return this.database.sql("select replaced_by from refresh_tokens where token_hash = :hash")
			.bind("hash", Tokens.hash(refreshToken))
			.map((row) -> row.get("replaced_by", UUID.class))
			.one()
			.block();
	}

	private long liveRefreshTokens() {
		return this.database
			.sql("select count(*) as n from refresh_tokens where user_id = :user and revoked_at is null")
			.bind("user", this.user.id().value())
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

}
