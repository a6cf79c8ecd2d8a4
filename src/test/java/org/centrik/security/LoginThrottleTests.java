package org.centrik.security;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private static final String ADDRESS = "203.0.113.10";

	private final MovingClock clock = new MovingClock();

	private final LoginThrottle throttle = new LoginThrottle(
			new LoginProperties(new LoginProperties.Limit(5, Duration.ofMinutes(15)),
					new LoginProperties.Limit(8, Duration.ofMinutes(16)), 0),
			this.clock);

	@Test
	void accountIsThrottledAfterTheConfiguredFailuresWhateverTheCaseOfTheLogin() {
		for (int failure = 1; failure <= 5; failure++) {
			assertThat(
					this.throttle.attempt((failure % 2 == 0) ? "Anna@School.example" : "anna@school.example ", ADDRESS)
						.throttled())
				.isFalse();
		}

		LoginAttempt sixth = this.throttle.attempt("ANNA@SCHOOL.EXAMPLE", ADDRESS);

		assertThat(sixth.throttled()).isTrue();
		assertThat(sixth.retryAfter()).isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void failuresAreForgivenOneByOneAsTheWindowPasses() {
		fail("anna@school.example", ADDRESS, 5);

		this.clock.move(Duration.ofMinutes(2));
		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).retryAfter()).isEqualTo(Duration.ofMinutes(1));
		this.clock.move(Duration.ofMinutes(1));
		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isFalse();
		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isTrue();

		this.clock.move(Duration.ofMinutes(15));
		fail("anna@school.example", ADDRESS, 5);
		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isTrue();
	}

	@Test
	void successGivesBackItsTokensButDoesNotForgiveEarlierFailures() {
		fail("anna@school.example", ADDRESS, 4);
		for (int success = 1; success <= 10; success++) {
			LoginAttempt attempt = this.throttle.attempt("anna@school.example", ADDRESS);
			assertThat(attempt.throttled()).isFalse();
			attempt.succeeded();
		}

		fail("anna@school.example", ADDRESS, 1);

		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isTrue();
	}

	@Test
	void throttledAddressBlocksEveryAccountFromItButNotFromElsewhere() {
		for (int account = 1; account <= 8; account++) {
			fail("user" + account + "@school.example", ADDRESS, 1);
		}

		LoginAttempt fromThere = this.throttle.attempt("user9@school.example", ADDRESS);

		assertThat(fromThere.throttled()).isTrue();
		assertThat(fromThere.retryAfter()).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.throttle.attempt("user1@school.example", "198.51.100.20").throttled()).isFalse();
	}

	@Test
	void throttledAttemptTakesNothingFromTheOtherLimit() {
		fail("anna@school.example", ADDRESS, 5);

		for (int attempt = 1; attempt <= 20; attempt++) {
			assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isTrue();
		}

		assertThat(this.throttle.attempt("boris@school.example", ADDRESS).throttled()).isFalse();
	}

	@Test
	void waitIsTheLongerOfBothLimits() {
		fail("anna@school.example", ADDRESS, 5);
		for (int account = 1; account <= 3; account++) {
			fail("user" + account + "@school.example", ADDRESS, 1);
		}
		this.clock.move(Duration.ofMinutes(1));

		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).retryAfter()).isEqualTo(Duration.ofMinutes(2));
		this.clock.move(Duration.ofMinutes(2));
		assertThat(this.throttle.attempt("anna@school.example", ADDRESS).throttled()).isFalse();
	}

	@Test
	void concurrentAttemptsCannotCheckMorePasswordsThanTheLimit() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(16);
		try {
			List<Callable<LoginAttempt>> attempts = Collections.nCopies(50,
					() -> this.throttle.attempt("anna@school.example", "198.51.100.30"));

			long started = 0;
			for (Future<LoginAttempt> attempt : threads.invokeAll(attempts)) {
				started += attempt.get().throttled() ? 0 : 1;
			}

			assertThat(started).isEqualTo(5);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void memoryIsBoundedByForgettingTheLeastRecentlyUsed() {
		LoginThrottle small = new LoginThrottle(new LoginProperties(null, null, 3), this.clock);
		for (int failure = 1; failure <= 5; failure++) {
			small.attempt("anna@school.example", ADDRESS);
		}
		assertThat(small.attempt("anna@school.example", ADDRESS).throttled()).isTrue();

		for (int account = 1; account <= 3; account++) {
			small.attempt("user" + account + "@school.example", "198.51.100." + account);
		}

		assertThat(small.tracked()).isEqualTo(6);
		assertThat(small.attempt("anna@school.example", ADDRESS).throttled()).isFalse();
	}

	private void fail(String login, String address, int times) {
		for (int failure = 1; failure <= times; failure++) {
			assertThat(this.throttle.attempt(login, address).throttled()).isFalse();
		}
	}

}
