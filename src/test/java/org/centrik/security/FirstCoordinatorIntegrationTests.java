package org.centrik.security;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.r2dbc.spi.ConnectionFactory;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first coordinator on a new installation: each test works in an empty database of
 * its own, since the shared one already has a coordinator.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstCoordinatorIntegrationTests {

	private static final Pattern SETUP_PASSWORD = Pattern.compile("password: (\\S+)");

	private static final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	@Test
	void configuredLoginAndPasswordMakeTheCoordinatorOfEveryNetwork(CapturedOutput output) {
		withNewInstallation((installation) -> {
			User coordinator = installation.start("Admin@District.example", "выбранный-пароль").ensure().block();

			assertThat(coordinator.login()).isEqualTo("Admin@District.example");
			assertThat(coordinator.grants()).containsExactly(Grant.installationCoordinator());
			assertThat(coordinator.mustChangePassword()).isFalse();
			assertThat(installation.users.authenticate("admin@district.example", "выбранный-пароль").block())
				.isNotNull();
			assertThat(installation.actions()).containsExactly("user_created", "role_granted");
			assertThat(output).doesNotContain("shown only once").doesNotContain("выбранный-пароль");
		});
	}

	@Test
	void withoutAPasswordAOneTimeSetupPasswordIsPrintedOnce(CapturedOutput output) {
		withNewInstallation((installation) -> {
			User coordinator = installation.start("", "").ensure().block();

			assertThat(coordinator.login()).isEqualTo(FirstCoordinator.DEFAULT_LOGIN);
			assertThat(coordinator.mustChangePassword()).isTrue();
			Matcher printed = SETUP_PASSWORD.matcher(output.getAll());
			assertThat(printed.find()).isTrue();
			String password = printed.group(1);
			assertThat(password).hasSizeGreaterThanOrEqualTo(16);
			assertThat(installation.users.authenticate(FirstCoordinator.DEFAULT_LOGIN, password).block()).isNotNull();
			assertThat(installation.actions()).containsExactly("user_created", "role_granted", "setup_password_issued");

			assertThat(installation.start("", "").ensure().block()).isNull();
			assertThat(output.getAll().split("shown only once", -1)).hasSize(2);
			assertThat(installation.actions()).hasSize(3);
		});
	}

	@Test
	void loginWithoutPasswordGetsASetupPassword(CapturedOutput output) {
		withNewInstallation((installation) -> {
			User coordinator = installation.start("head@district.example", "").ensure().block();

			assertThat(coordinator.login()).isEqualTo("head@district.example");
			assertThat(coordinator.mustChangePassword()).isTrue();
			assertThat(output).contains("login:    head@district.example");
		});
	}

	@Test
	void secondStartCreatesNothing() {
		withNewInstallation((installation) -> {
			installation.start("admin@district.example", "выбранный-пароль").ensure().block();

			assertThat(installation.start("other@district.example", "другой-пароль").ensure().block()).isNull();
			assertThat(installation.users.findByLogin("other@district.example").block()).isNull();
		});
	}

	@Test
	void concurrentStartsCreateOneCoordinator() {
		withNewInstallation((installation) -> {
			List<User> created = Flux
				.merge(installation.start("one@district.example", "пароль-один").ensure(),
						installation.start("two@district.example", "пароль-два").ensure(),
						installation.start("", "").ensure())
				.collectList()
				.block();

			assertThat(created).hasSize(1);
			assertThat(installation.coordinators()).isOne();
		});
	}

	@Test
	void coordinatorOfOneNetworkIsEnough() {
		withNewInstallation((installation) -> {
			long organisation = installation.database
				.sql("insert into organisations (name, kind, municipality) values ('ИМЦ', 'methodical_centre', "
						+ "'Центральный') returning id")
				.map((row) -> row.get("id", Long.class))
				.one()
				.block();
			long network = installation.database
				.sql("insert into networks (name, level, coordinator_id) values ('Сеть', 'district', :o) returning id")
				.bind("o", organisation)
				.map((row) -> row.get("id", Long.class))
				.one()
				.block();
			installation.users
				.create(new NewUser("net@district.example", "пароль-сети", "Координатор сети", null,
						List.of(Grant.coordinator(new org.centrik.shared.NetworkId(network))), false), Actor.system())
				.block();

			assertThat(installation.start("", "").ensure().block()).isNull();
			assertThat(installation.coordinators()).isOne();
		});
	}

	private static void withNewInstallation(Consumer<Installation> test) {
		TestDatabase.withMigratedDatabase((connections) -> test.accept(new Installation(connections)));
	}

	/** The security module wired by hand on an installation's own database. */
	private static final class Installation {

		final DatabaseClient database;

		final AuditLog audit;

		final Users users;

		final TransactionalOperator transaction;

		Installation(ConnectionFactory connections) {
			this.database = DatabaseClient.create(connections);
			this.audit = new AuditLog(this.database, JsonMapper.builder().build());
			this.users = new Users(this.database, passwords, this.audit);
			this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(connections));
		}

		FirstCoordinator start(String login, String password) {
			return new FirstCoordinator(this.database, this.users, this.audit, this.transaction, login, password);
		}

		List<String> actions() {
			return this.database.sql("select action from audit_log order by id")
				.map((row) -> row.get("action", String.class))
				.all()
				.collectList()
				.block();
		}

		long coordinators() {
			return this.database.sql("select count(*) as n from user_roles where role = 'coordinator'")
				.map((row) -> row.get("n", Long.class))
				.one()
				.block();
		}

	}

}
