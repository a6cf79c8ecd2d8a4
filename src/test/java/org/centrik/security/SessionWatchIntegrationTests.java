package org.centrik.security;

import java.time.Duration;
import java.util.UUID;

import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One look at every watched session for all of a node's streams, on PostgreSQL: the
 * streams of a session that logs out end, those of others go on, and a stream that ends
 * stops being watched.
 */
@IntegrationTest
class SessionWatchIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Tokens tokens;

	TestAccounts accounts;

	SessionWatch watch;

	@BeforeEach
	void watch() {
		this.accounts = new TestAccounts(this.context);
		this.watch = new SessionWatch(this.tokens, Duration.ofMillis(100));
	}

	@AfterEach
	void stop() {
		this.watch.destroy();
	}

	@Test
	void theStreamsOfALoggedOutSessionEndAndTheOthersGoOn() {
		TestAccounts.Account leaving = this.accounts.coordinatorOfAll();
		TestAccounts.Account staying = this.accounts.coordinatorOfAll();
		UUID left = family(leaving);

		StepVerifier.create(this.watch.ended(left).and(this.watch.ended(left)).and(this.watch.ended(family(staying))))
			.then(() -> assertThat(this.watch.sessions()).isEqualTo(2))
			.expectNoEvent(Duration.ofMillis(400))
			.then(() -> this.accounts.logout(leaving))
			// the two streams of the session that ended: one look within 100 ms
			.then(() -> StepVerifier.create(this.watch.ended(left)).expectComplete().verify(Duration.ofSeconds(5)))
			.expectNoEvent(Duration.ofMillis(400))
			.thenCancel()
			.verify(Duration.ofSeconds(10));

		assertThat(this.watch.sessions()).isZero();
	}

	@Test
	void aSessionAlreadyOverEndsItsStreamAtTheNextLookAndOneWatchServesManyStreams() {
		TestAccounts.Account over = this.accounts.coordinatorOfAll();
		UUID family = family(over);
		this.accounts.logout(over);

		StepVerifier.create(this.watch.ended(family).and(this.watch.ended(family)))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(this.watch.sessions()).isZero();
	}

	private UUID family(TestAccounts.Account account) {
		return this.tokens.verify(account.accessToken()).block().family();
	}

}
