package org.centrik.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.centrik.security.LoginResult.Outcome;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class LoginsIntegrationTests {

	private static final String PASSWORD = "верный-пароль-1";

	@Autowired
	Users users;

	@Autowired
	AuditLog audit;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	DatabaseClient database;

	@Autowired
	Logins wired;

	private final MovingClock clock = new MovingClock();

	private final AtomicInteger checks = new AtomicInteger();

	private Logins logins;

	private String address;

	@BeforeEach
	void logins() {
		LoginThrottle throttle = new LoginThrottle(
				new LoginProperties(new LoginProperties.Limit(5, Duration.ofMinutes(15)),
						new LoginProperties.Limit(8, Duration.ofMinutes(15)), 0),
				this.clock);
		Users counted = new Users(this.database, new CountingEncoder(this.passwords, this.checks), this.audit);
		this.logins = new Logins(counted, this.audit, throttle);
		this.address = address();
	}

	@Test
	void rightPasswordLogsInAndIsAudited() {
		User user = create(false);

		this.logins.login(user.login().toUpperCase(), PASSWORD, this.address)
			.as(StepVerifier::create)
			.assertNext((result) -> {
				assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
				assertThat(result.userId()).isEqualTo(user.id());
				assertThat(result.user()).isEqualTo(user);
				assertThat(result.mustChangePassword()).isFalse();
				assertThat(result.retryAfterSeconds()).isZero();
			})
			.verifyComplete();

		assertThat(audit(user.login())).containsExactly("login_succeeded user:" + user.id().value() + " "
				+ user.id().value() + " " + this.address + " {\"mustChangePassword\": false}");
	}

	@Test
	void oneTimePasswordLogsInButMustBeChanged() {
		User user = create(true);

		this.logins.login(user.login(), PASSWORD, this.address)
			.as(StepVerifier::create)
			.assertNext((result) -> assertThat(result.mustChangePassword()).isTrue())
			.verifyComplete();
	}

	@Test
	void wrongPasswordUnknownLoginAndDisabledAccountGetTheSameAnswerAndAuditReason() {
		User user = create(false);
		User disabled = create(false);
		this.database.sql("update users set enabled = false where id = :id")
			.bind("id", disabled.id().value())
			.then()
			.block();
		String unknown = "nobody." + unique() + "@example.org";

		List<LoginResult> results = List.of(this.logins.login(user.login(), "wrong-password", this.address).block(),
				this.logins.login(unknown, PASSWORD, this.address).block(),
				this.logins.login(disabled.login(), PASSWORD, this.address).block());

		assertThat(results).extracting(LoginResult::toString).containsOnly("LoginResult[bad_credentials]");
		assertThat(results).extracting(LoginResult::userId).containsOnlyNulls();
		assertThat(this.checks).hasValue(3);
		String failed = " null " + this.address + " {\"reason\": \"bad_credentials\"}";
		assertThat(audit(user.login())).containsExactly("login_failed null" + failed);
		assertThat(audit(unknown)).containsExactly("login_failed null" + failed);
		assertThat(audit(disabled.login())).containsExactly("login_failed null" + failed);
	}

	@Test
	void afterTheConfiguredFailuresEvenTheRightPasswordWaitsUntilTheWindowPasses() {
		User user = create(false);
		for (int failure = 1; failure <= 5; failure++) {
			assertThat(this.logins.login(user.login(), "wrong-" + failure, this.address).block().outcome())
				.isEqualTo(Outcome.BAD_CREDENTIALS);
		}

		LoginResult throttled = this.logins.login(user.login(), PASSWORD, this.address).block();
		this.clock.move(Duration.ofMinutes(2));
		LoginResult stillThrottled = this.logins.login(user.login(), PASSWORD, this.address).block();
		this.clock.move(Duration.ofMinutes(1));
		LoginResult afterTheWait = this.logins.login(user.login(), PASSWORD, this.address).block();

		assertThat(throttled.outcome()).isEqualTo(Outcome.THROTTLED);
		assertThat(throttled.retryAfterSeconds()).isEqualTo(180);
		assertThat(stillThrottled.retryAfterSeconds()).isEqualTo(60);
		assertThat(afterTheWait.userId()).isEqualTo(user.id());
		assertThat(audit(user.login())).hasSize(8)
			.contains("login_failed null null " + this.address
					+ " {\"reason\": \"throttled\", \"retryAfterSeconds\": 180}")
			.endsWith("login_succeeded user:" + user.id().value() + " " + user.id().value() + " " + this.address
					+ " {\"mustChangePassword\": false}");
	}

	@Test
	void throttledAttemptNeverChecksThePassword() {
		User user = create(false);
		for (int failure = 1; failure <= 5; failure++) {
			this.logins.login(user.login(), "wrong-" + failure, this.address).block();
		}
		int checked = this.checks.get();

		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(this.logins.login(user.login(), PASSWORD, this.address).block().outcome())
				.isEqualTo(Outcome.THROTTLED);
			assertThat(
					this.logins.login("nobody." + unique() + "@example.org", PASSWORD, this.address).block().outcome())
				.isEqualTo(Outcome.BAD_CREDENTIALS);
		}

		assertThat(this.checks).hasValue(checked + 3);
	}

	@Test
	void throttledAddressBlocksOtherAccountsFromItButNotTheSameAccountFromElsewhere() {
		User user = create(false);
		for (int failure = 1; failure <= 8; failure++) {
			this.logins.login("stranger" + failure + "." + unique() + "@example.org", "guess", this.address).block();
		}

		assertThat(this.logins.login(user.login(), PASSWORD, this.address).block().outcome())
			.isEqualTo(Outcome.THROTTLED);
		assertThat(this.logins.login(user.login(), PASSWORD, address()).block().userId()).isEqualTo(user.id());
	}

	@Test
	void blankLoginOrPasswordIsBadCredentialsAuditedWithoutACheck() {
		User user = create(false);

		for (String[] input : new String[][] { { user.login(), "" }, { user.login(), "  " }, { user.login(), null },
				{ "", PASSWORD }, { null, PASSWORD }, { " ", null } }) {
			this.logins.login(input[0], input[1], this.address)
				.as(StepVerifier::create)
				.assertNext((result) -> assertThat(result.outcome()).isEqualTo(Outcome.BAD_CREDENTIALS))
				.verifyComplete();
		}

		assertThat(this.checks).hasValue(0);
		assertThat(audit(user.login())).hasSize(3)
			.containsOnly("login_failed null null " + this.address + " {\"reason\": \"bad_credentials\"}");
		assertThat(this.database.sql("select count(*) as n from audit_log where address = :address")
			.bind("address", this.address)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(6);
	}

	@Test
	void loginsIsABeanWithTheConfiguredThrottle() {
		User user = create(false);

		assertThat(this.wired.login(user.login(), PASSWORD, address()).block().userId()).isEqualTo(user.id());
	}

	private User create(boolean mustChangePassword) {
		String login = "login." + unique() + "@example.org";
		return this.users
			.create(new NewUser(login, PASSWORD, "Пользователь", null, List.of(), mustChangePassword), Actor.system())
			.block();
	}

	/**
	 * The login entries of this login, oldest first: action, target, user, address,
	 * details.
	 */
	private List<String> audit(String login) {
		return this.database.sql("""
				select action, target, actor_user_id, address, details::text as details from audit_log
				where lower(actor_login) = lower(:login) and action in ('login_succeeded', 'login_failed')
				order by id
				""")
			.bind("login", login)
			.map((row) -> row.get("action", String.class) + " " + row.get("target", String.class) + " "
					+ row.get("actor_user_id", Long.class) + " " + row.get("address", String.class) + " "
					+ row.get("details", String.class))
			.all()
			.collectList()
			.block();
	}

	/** A documentation address of its own, so that audit rows can be found by it. */
	private static String address() {
		String unique = unique();
		return "2001:db8::" + unique.substring(0, 4) + ":" + unique.substring(4);
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private record CountingEncoder(PasswordEncoder delegate, AtomicInteger checks) implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checks.incrementAndGet();
			return this.delegate.matches(rawPassword, encodedPassword);
		}

	}

}
