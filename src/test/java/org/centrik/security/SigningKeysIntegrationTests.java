package org.centrik.security;

import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.RSAKey;
import io.r2dbc.spi.ConnectionFactory;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing keys on a new installation: each test works in an empty database of its own,
 * since the shared one already has an active key.
 */
class SigningKeysIntegrationTests {

	@Test
	void concurrentFirstUseCreatesOneActiveKey() {
		withNewInstallation((installation) -> {
			List<String> kids = Flux.range(0, 6)
				.flatMap((node) -> installation.node().active())
				.map(RSAKey::getKeyID)
				.collectList()
				.block();

			assertThat(kids).hasSize(6);
			assertThat(kids).containsOnly(kids.get(0));
			assertThat(installation.count("select count(*) as n from signing_keys")).isOne();
		});
	}

	@Test
	void laterUseReadsTheStoredKey() {
		withNewInstallation((installation) -> {
			RSAKey first = installation.node().active().block();

			assertThat(installation.node().active().block()).isEqualTo(first);
			assertThat(installation.node().find(first.getKeyID()).block()).isEqualTo(first);
		});
	}

	@Test
	void rotationRetiresTheActiveKeyAndKeepsItForVerification() {
		withNewInstallation((installation) -> {
			SigningKeys keys = installation.node();
			RSAKey retired = keys.active().block();

			RSAKey active = keys.rotate().block();

			assertThat(active.getKeyID()).isNotEqualTo(retired.getKeyID());
			assertThat(installation.node().active().block()).isEqualTo(active);
			assertThat(installation.node().find(retired.getKeyID()).block()).isEqualTo(retired);
			assertThat(installation.count("select count(*) as n from signing_keys where retired_at is null")).isOne();
			assertThat(installation.count("select count(*) as n from signing_keys")).isEqualTo(2);
		});
	}

	@Test
	void publicKeySetHoldsActiveAndRetiredKeysWithoutPrivateParts() {
		withNewInstallation((installation) -> {
			SigningKeys keys = installation.node();
			String retired = keys.active().block().getKeyID();
			String active = keys.rotate().block().getKeyID();

			Map<String, Object> set = keys.publicKeys().block();

			@SuppressWarnings("unchecked")
			List<Map<String, Object>> published = (List<Map<String, Object>>) set.get("keys");
			assertThat(published).extracting((key) -> key.get("kid")).containsExactly(active, retired);
			assertThat(published).allSatisfy((key) -> {
				assertThat(key).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig");
				assertThat(key).containsKeys("n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
			});
		});
	}

	@Test
	void unknownKeyIsNotFound() {
		withNewInstallation((installation) -> assertThat(installation.node().find("no-such-key").block()).isNull());
	}

	private static void withNewInstallation(Consumer<Installation> test) {
		TestDatabase.withMigratedDatabase((connections) -> test.accept(new Installation(connections)));
	}

	/** An installation's own database; each node has its own keys cache. */
	private record Installation(ConnectionFactory connections) {

		SigningKeys node() {
			return new SigningKeys(DatabaseClient.create(this.connections),
					TransactionalOperator.create(new R2dbcTransactionManager(this.connections)),
					new MovingClock(Instant.now()));
		}

		long count(String sql) {
			return DatabaseClient.create(this.connections)
				.sql(sql)
				.map((row) -> row.get("n", Long.class))
				.one()
				.block();
		}

	}

}
