package org.centrik.security;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.StringUtils;

/**
 * Makes sure someone can log in on a new installation: when no user holds the coordinator
 * role, creates the installation's coordinator (of every network, since there may be none
 * yet) from {@code centrik.admin.login} and {@code centrik.admin.password}, or, when the
 * password is not configured, with a one-time setup password printed once in the log.
 * Nodes that start together create one coordinator: they take turns on an advisory lock.
 */
class FirstCoordinator implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(FirstCoordinator.class);

	static final String DEFAULT_LOGIN = "coordinator@centrik.local";

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private static final int SETUP_PASSWORD_LENGTH = 20;

	// The advisory lock key: "centrik first coordinator", any constant other locks do not
	// use.
	private static final long LOCK = 0x63656e7472696bL;

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final DatabaseClient database;

	private final Users users;

	private final AuditLog audit;

	private final TransactionalOperator transaction;

	private final String login;

	private final String password;

	FirstCoordinator(DatabaseClient database, Users users, AuditLog audit, TransactionalOperator transaction,
			String login, String password) {
		this.database = database;
		this.users = users;
		this.audit = audit;
		this.transaction = transaction;
		this.login = login;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		ensure().block(TIMEOUT);
	}

	/**
	 * Creates the coordinator when there is none.
	 * @return the coordinator created, or empty when one existed
	 */
	Mono<User> ensure() {
		boolean configured = StringUtils.hasText(this.login) && StringUtils.hasText(this.password);
		String coordinatorLogin = StringUtils.hasText(this.login) ? this.login.trim() : DEFAULT_LOGIN;
		String coordinatorPassword = configured ? this.password : setupPassword();
		NewUser coordinator = new NewUser(coordinatorLogin, coordinatorPassword, "Координатор", null,
				List.of(Grant.installationCoordinator()), !configured);
		Mono<User> create = this.database.sql("select pg_advisory_xact_lock(:lock)")
			.bind("lock", LOCK)
			.then()
			.then(this.users.anyCoordinator())
			.filter((exists) -> !exists)
			.flatMap((none) -> this.users.create(coordinator, Actor.system()))
			.flatMap((created) -> configured ? Mono.just(created)
					: this.audit
						.record(Actor.system(), AuditAction.SETUP_PASSWORD_ISSUED, "user:" + created.id().value(),
								Map.of("login", created.login()))
						.thenReturn(created));
		return create.as(this.transaction::transactional).doOnNext((created) -> {
			if (configured) {
				logger.info("Created the first coordinator " + created.login() + " from centrik.admin.login.");
			}
			else {
				logger.warn(setupMessage(created.login(), coordinatorPassword));
			}
		});
	}

	private String setupPassword() {
		StringBuilder password = new StringBuilder(SETUP_PASSWORD_LENGTH);
		for (int i = 0; i < SETUP_PASSWORD_LENGTH; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	static String setupMessage(String login, String password) {
		return """

				================================================================================
				 First coordinator created. This setup password is shown only once:

				     login:    %s
				     password: %s

				 Log in and set a new password: it must be changed at the first login.
				 To choose the login and password yourself instead, set CENTRIK_ADMIN_LOGIN
				 and CENTRIK_ADMIN_PASSWORD before the first start.
				================================================================================
				""".formatted(login, password);
	}

}
