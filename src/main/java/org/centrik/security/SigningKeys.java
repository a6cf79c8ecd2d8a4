package org.centrik.security;

import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The keys that sign access tokens, kept in {@code signing_keys}: one active key signs;
 * retired keys keep verifying the tokens they signed. The first use creates the active
 * key; nodes that start together take turns on an advisory lock, so they create one.
 * <p>
 * RS256 with 2048-bit RSA keys: verifying, done on every connection and request, is
 * cheaper than with ES256, and every JOSE library and Open Badges verifier accepts it.
 */
class SigningKeys {

	static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

	private static final int KEY_SIZE = 2048;

	// The advisory lock key: "centrik signing keys", any constant other locks do not use.
	private static final long LOCK = 0x63736b6579730aL;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	// Key material never changes once written: a key read once is good for the run.
	private final Map<String, RSAKey> keys = new ConcurrentHashMap<>();

	SigningKeys(DatabaseClient database, TransactionalOperator transaction, Clock clock) {
		this.database = database;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** The key that signs now, created when there is none. */
	Mono<RSAKey> active() {
		return activeKey().switchIfEmpty(Mono.defer(() -> locked(activeKey().switchIfEmpty(Mono.defer(this::create)))));
	}

	/**
	 * The key with this id, active or retired, or empty when this server does not have
	 * it.
	 */
	Mono<RSAKey> find(String kid) {
		RSAKey known = this.keys.get(kid);
		if (known != null) {
			return Mono.just(known);
		}
		return this.database.sql("select kid, key_material from signing_keys where kid = :kid")
			.bind("kid", kid)
			.map((row) -> key(row.get("kid", String.class), row.get("key_material", String.class)))
			.one();
	}

	/**
	 * Retires the active key and creates a new one that signs from now on. The retired
	 * key keeps verifying the tokens it signed.
	 * @return the new active key
	 */
	Mono<RSAKey> rotate() {
		return locked(this.database.sql("""
				update signing_keys set retired_at = greatest(:now, created_at) where retired_at is null
				""").bind("now", this.clock.instant()).then().then(Mono.defer(this::create)));
	}

	/**
	 * The public keys, active and retired, as a JWK set JSON object (for
	 * {@code /.well-known/jwks.json}).
	 */
	Mono<Map<String, Object>> publicKeys() {
		return active()
			.thenMany(this.database
				.sql("select kid, key_material from signing_keys order by retired_at desc nulls first, created_at desc")
				.map((row) -> (JWK) key(row.get("kid", String.class), row.get("key_material", String.class)))
				.all())
			.collectList()
			.map((all) -> new JWKSet(all).toJSONObject(true));
	}

	private Mono<RSAKey> activeKey() {
		return this.database.sql("select kid, key_material from signing_keys where retired_at is null")
			.map((row) -> key(row.get("kid", String.class), row.get("key_material", String.class)))
			.one();
	}

	private Mono<RSAKey> create() {
		return generate().flatMap((key) -> this.database
			.sql("""
					insert into signing_keys (kid, algorithm, key_material, created_at) values (:kid, :algorithm, :material, :now)
					""")
			.bind("kid", key.getKeyID())
			.bind("algorithm", ALGORITHM.getName())
			.bind("material", key.toJSONString())
			.bind("now", this.clock.instant())
			.then()
			.thenReturn(key));
	}

	private <T> Mono<T> locked(Mono<T> work) {
		return this.database.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", LOCK)
			.then()
			.then(work)
			.as(this.transaction::transactional);
	}

	// Generating an RSA key takes a while: never on an event-loop thread.
	private static Mono<RSAKey> generate() {
		return Mono.fromCallable(() -> {
			try {
				return new RSAKeyGenerator(KEY_SIZE).keyID(UUID.randomUUID().toString())
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(ALGORITHM)
					.generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Could not generate a signing key", ex);
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private RSAKey key(String kid, String material) {
		return this.keys.computeIfAbsent(kid, (id) -> {
			try {
				return RSAKey.parse(material);
			}
			catch (ParseException ex) {
				throw new IllegalStateException("Signing key " + id + " is not an RSA JWK", ex);
			}
		});
	}

}
