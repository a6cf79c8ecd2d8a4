package org.centrik.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import org.centrik.security.TokenRejectedException.Reason;

/**
 * Access and refresh tokens. An access token is a short-lived JWT, signed with the active
 * signing key, that anyone holding the public keys can verify without the database. A
 * refresh token is an opaque secret good for one use: each refresh revokes it and issues
 * its successor in the same family; presenting a revoked one again means it was stolen,
 * and revokes the whole family.
 */
public class Tokens {

	/** The {@code iss} of every access token. */
	public static final String ISSUER = "centrik";

	private static final String LOGIN = "login";

	private static final String ROLES = "roles";

	private static final String TEACHER = "teacher";

	private static final String ORGANISATION = "organisation";

	private static final String FAMILY = "fam";

	private static final String MUST_CHANGE_PASSWORD = "pwd_change";

	// Nodes' clocks differ a little; a token is not expired a few seconds early
	// elsewhere. Accepted until its expiry plus this, and streams under it last as long
	// (Access.untilInvalid).
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private static final int REFRESH_SECRET_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final SigningKeys keys;

	private final Users users;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final Duration accessTokenTtl;

	private final Duration refreshTokenTtl;

	Tokens(SigningKeys keys, Users users, DatabaseClient database, TransactionalOperator transaction, Clock clock,
			Duration accessTokenTtl, Duration refreshTokenTtl) {
		if (accessTokenTtl.compareTo(Duration.ofSeconds(1)) < 0 || refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
			throw new IllegalArgumentException("Token lifetimes must be positive and a refresh token must outlive "
					+ "an access token: access " + accessTokenTtl + ", refresh " + refreshTokenTtl + ".");
		}
		this.keys = keys;
		this.users = users;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
		this.accessTokenTtl = accessTokenTtl;
		this.refreshTokenTtl = refreshTokenTtl;
	}

	/**
	 * Issues an access token and the first refresh token of a new family, e.g. at login.
	 * @param user an enabled user
	 * @return the tokens
	 */
	public Mono<IssuedTokens> issue(User user) {
		if (!user.enabled()) {
			return Mono.error(new IllegalArgumentException("User " + user.id().value() + " is disabled."));
		}
		return issue(user, UUID.randomUUID()).as(this.transaction::transactional);
	}

	/**
	 * Exchanges a refresh token for new tokens; the presented token is revoked. Fails
	 * with {@link TokenRejectedException}: {@code token_invalid} when unknown,
	 * {@code token_expired} when expired, {@code token_revoked} when already used or
	 * logged out (and then its whole family is revoked) or when the user is disabled.
	 * @param refreshToken the secret the client holds
	 * @return the new tokens
	 */
	public Mono<IssuedTokens> refresh(String refreshToken) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			return presented(refreshToken, true).flatMap((presented) -> {
				if (presented.revoked()) {
					return revokeFamily(presented.family(), now).thenReturn(Outcome.rejected(Reason.REVOKED,
							"The refresh token was already used: its family is revoked."));
				}
				if (!presented.expiresAt().isAfter(now)) {
					return Mono.just(Outcome.rejected(Reason.EXPIRED, "The refresh token has expired."));
				}
				return this.users.find(presented.user())
					.filter(User::enabled)
					.flatMap((user) -> issue(user, presented.family())
						.flatMap((issued) -> replace(presented, issued, now))
						.map(Outcome::issued))
					.switchIfEmpty(Mono.defer(() -> revokeFamily(presented.family(), now)
						.thenReturn(Outcome.rejected(Reason.REVOKED, "The user is disabled or gone."))));
			}).defaultIfEmpty(Outcome.rejected(Reason.UNKNOWN, "Unknown refresh token."));
		})
			// the family's revocation commits even though the call fails
			.as(this.transaction::transactional)
			.flatMap(Outcome::result);
	}

	/**
	 * Revokes the refresh token's whole family, e.g. at logout. An unknown or already
	 * revoked token changes nothing.
	 * @param refreshToken the secret the client holds
	 * @return completes when revoked
	 */
	public Mono<Void> revoke(String refreshToken) {
		return Mono.defer(() -> presented(refreshToken, false)
			.flatMap((presented) -> revokeFamily(presented.family(), this.clock.instant())));
	}

	/**
	 * Verifies an access token: signed by a key of this server, not expired.
	 * @param accessToken the JWT
	 * @return its claims, or a {@link TokenRejectedException}: {@code token_expired} or
	 * {@code token_invalid}
	 */
	public Mono<AccessToken> verify(String accessToken) {
		return Mono.defer(() -> {
			SignedJWT jwt;
			try {
				jwt = SignedJWT.parse(accessToken);
			}
			catch (ParseException | RuntimeException ex) {
				return Mono.error(rejected(Reason.MALFORMED, "Not a signed JWT."));
			}
			JWSHeader header = jwt.getHeader();
			if (!SigningKeys.ALGORITHM.equals(header.getAlgorithm()) || header.getKeyID() == null) {
				return Mono.error(rejected(Reason.MALFORMED, "Not signed " + SigningKeys.ALGORITHM + " with a kid."));
			}
			return this.keys.find(header.getKeyID())
				.switchIfEmpty(Mono.error(() -> rejected(Reason.UNKNOWN_KEY, "Signed by an unknown key.")))
				.map((key) -> verified(jwt, key))
				.flatMap((token) -> live(token.family()).flatMap((live) -> live ? Mono.just(token)
						: Mono.error(rejected(Reason.REVOKED, "Logged out: the token's session is revoked."))));
		});
	}

	/**
	 * A new access token in an existing family, e.g. for the browser's RSocket connection
	 * under its session, with the user's current roles.
	 * @param user the user
	 * @param family a live family of theirs
	 * @return the token and its expiry; {@code token_revoked} when the family is not live
	 * or the user is disabled
	 */
	public Mono<IssuedTokens> access(UserId user, UUID family) {
		return live(family).filter(Boolean::booleanValue)
			.flatMap((live) -> this.users.find(user))
			.filter(User::enabled)
			.switchIfEmpty(Mono.error(() -> rejected(Reason.REVOKED, "The session is over.")))
			.flatMap((found) -> {
				Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
				Instant expiresAt = now.plus(this.accessTokenTtl);
				return this.keys.active()
					.map((key) -> new IssuedTokens(sign(found, family, key, now, expiresAt), expiresAt, null, null,
							family));
			});
	}

	/**
	 * Revokes every family of the user, e.g. when their password changes: every session
	 * and token of theirs ends.
	 * @param user the user
	 * @return completes when revoked
	 */
	public Mono<Void> revokeAll(UserId user) {
		return Mono.defer(() -> this.database
			.sql("update refresh_tokens set revoked_at = :now where user_id = :user and revoked_at is null")
			.bind("now", this.clock.instant())
			.bind("user", user.value())
			.then());
	}

	/**
	 * Revokes a family by its id, e.g. when a browser session logs out.
	 * @param family the family
	 * @return completes when revoked
	 */
	public Mono<Void> revokeFamily(UUID family) {
		return Mono.defer(() -> revokeFamily(family, this.clock.instant()));
	}

	/** Of these refresh-token families, those still live, in one statement. */
	Mono<Set<UUID>> liveAmong(Collection<UUID> families) {
		return this.database.sql("""
				select distinct family from refresh_tokens
				where family = any(:families::uuid[]) and revoked_at is null and expires_at > :now
				""")
			.bind("families", families.stream().map(UUID::toString).toArray(String[]::new))
			.bind("now", this.clock.instant())
			.map((row) -> row.get("family", UUID.class))
			.all()
			.collect(Collectors.toSet());
	}

	private Mono<Boolean> live(UUID family) {
		return this.database.sql("""
				select exists (select 1 from refresh_tokens
				where family = :family and revoked_at is null and expires_at > :now) as live
				""")
			.bind("family", family)
			.bind("now", this.clock.instant())
			.map((row) -> Boolean.TRUE.equals(row.get("live", Boolean.class)))
			.one();
	}

	private AccessToken verified(SignedJWT jwt, RSAKey key) {
		try {
			if (!jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
				throw rejected(Reason.BAD_SIGNATURE, "The signature does not match.");
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
					|| claims.getIssueTime() == null) {
				throw rejected(Reason.MALFORMED, "Not issued by " + ISSUER + ".");
			}
			Instant expiresAt = claims.getExpirationTime().toInstant();
			if (!expiresAt.plus(CLOCK_SKEW).isAfter(this.clock.instant())) {
				throw rejected(Reason.EXPIRED, "The access token expired at " + expiresAt + ".");
			}
			Long teacher = claims.getLongClaim(TEACHER);
			Long organisation = claims.getLongClaim(ORGANISATION);
			String family = claims.getStringClaim(FAMILY);
			if (family == null) {
				throw rejected(Reason.MALFORMED, "No session.");
			}
			return new AccessToken(new UserId(Long.parseLong(claims.getSubject())), claims.getStringClaim(LOGIN),
					(teacher != null) ? new TeacherId(teacher) : null,
					(organisation != null) ? new OrganisationId(organisation) : null,
					grants(claims.getListClaim(ROLES)),
					Boolean.TRUE.equals(claims.getBooleanClaim(MUST_CHANGE_PASSWORD)), UUID.fromString(family),
					claims.getJWTID(), key.getKeyID(), claims.getIssueTime().toInstant(), expiresAt);
		}
		catch (JOSEException | ParseException | RuntimeException ex) {
			if (ex instanceof TokenRejectedException rejected) {
				throw rejected;
			}
			throw rejected(Reason.MALFORMED, "Unreadable claims.");
		}
	}

	private Mono<IssuedTokens> issue(User user, UUID family) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant accessExpiresAt = now.plus(this.accessTokenTtl);
		Instant refreshExpiresAt = now.plus(this.refreshTokenTtl);
		String secret = newSecret();
		return this.keys.active()
			.map((key) -> sign(user, family, key, now, accessExpiresAt))
			.flatMap((access) -> this.database.sql("""
					insert into refresh_tokens (id, user_id, family, token_hash, issued_at, expires_at)
					values (:id, :user, :family, :hash, :now, :expiresAt)
					""")
				.bind("id", UUID.randomUUID())
				.bind("user", user.id().value())
				.bind("family", family)
				.bind("hash", hash(secret))
				.bind("now", now)
				.bind("expiresAt", refreshExpiresAt)
				.then()
				.thenReturn(new IssuedTokens(access, accessExpiresAt, secret, refreshExpiresAt, family)));
	}

	private String sign(User user, UUID family, RSAKey key, Instant now, Instant expiresAt) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(String.valueOf(user.id().value()))
			.claim(LOGIN, user.login())
			.claim(ROLES, user.grants().stream().map(Grant::details).toList())
			.claim(TEACHER, (user.teacher() != null) ? user.teacher().value() : null)
			.claim(ORGANISATION, (user.organisation() != null) ? user.organisation().value() : null)
			.claim(FAMILY, family.toString())
			.claim(MUST_CHANGE_PASSWORD, user.mustChangePassword())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign an access token with key " + key.getKeyID(), ex);
		}
		return jwt.serialize();
	}

	private Mono<Presented> presented(String secret, boolean forUpdate) {
		if (secret == null || secret.isBlank()) {
			return Mono.empty();
		}
		return this.database
			.sql("select id, user_id, family, expires_at, revoked_at from refresh_tokens where token_hash = :hash"
					+ (forUpdate ? " for update" : ""))
			.bind("hash", hash(secret))
			.map((row) -> new Presented(row.get("id", UUID.class), new UserId(row.get("user_id", Long.class)),
					row.get("family", UUID.class), row.get("expires_at", OffsetDateTime.class).toInstant(),
					row.get("revoked_at", OffsetDateTime.class) != null))
			.one();
	}

	private Mono<IssuedTokens> replace(Presented presented, IssuedTokens successor, Instant now) {
		return this.database.sql("""
				update refresh_tokens set revoked_at = :now,
				    replaced_by = (select id from refresh_tokens where token_hash = :successor)
				where id = :id
				""")
			.bind("now", now)
			.bind("successor", hash(successor.refreshToken()))
			.bind("id", presented.id())
			.then()
			.thenReturn(successor);
	}

	private Mono<Void> revokeFamily(UUID family, Instant now) {
		return this.database
			.sql("update refresh_tokens set revoked_at = :now where family = :family and revoked_at is null")
			.bind("now", now)
			.bind("family", family)
			.then();
	}

	private String newSecret() {
		byte[] secret = new byte[REFRESH_SECRET_BYTES];
		this.random.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	private static List<Grant> grants(List<Object> roles) {
		List<Grant> grants = new ArrayList<>();
		for (Object role : (roles != null) ? roles : List.of()) {
			Map<?, ?> claim = (Map<?, ?>) role;
			Number network = (Number) claim.get("network");
			Number organisation = (Number) claim.get("organisation");
			grants.add(new Grant(Role.of((String) claim.get("role")),
					(network != null) ? new NetworkId(network.longValue()) : null,
					(organisation != null) ? new OrganisationId(organisation.longValue()) : null));
		}
		return grants;
	}

	private static TokenRejectedException rejected(Reason reason, String message) {
		return new TokenRejectedException(reason, message);
	}

	private record Presented(UUID id, UserId user, UUID family, Instant expiresAt, boolean revoked) {

	}

	/** A refresh's result, decided inside the transaction, failed after it committed. */
	private record Outcome(IssuedTokens issued, Reason reason, String message) {

		static Outcome issued(IssuedTokens issued) {
			return new Outcome(issued, null, null);
		}

		static Outcome rejected(Reason reason, String message) {
			return new Outcome(null, reason, message);
		}

		Mono<IssuedTokens> result() {
			return (this.issued != null) ? Mono.just(this.issued)
					: Mono.error(new TokenRejectedException(this.reason, this.message));
		}

	}

}
