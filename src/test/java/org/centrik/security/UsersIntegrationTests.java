package org.centrik.security;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class UsersIntegrationTests {

	private static final Actor COORDINATOR = new Actor(null, "coordinator@example.org", "203.0.113.7");

	@Autowired
	Users users;

	@Autowired
	AuditLog audit;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	DatabaseClient database;

	private Fixtures fixtures;

	private String unique;

	@BeforeEach
	void fixtures() {
		this.fixtures = new Fixtures(this.database);
		this.unique = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void createdUserIsFoundWhateverTheCaseOfTheLogin() {
		long organisation = this.fixtures.organisation("Школа");
		long teacher = this.fixtures.teacher(organisation, "Смирнова");
		User created = this.users
			.create(new NewUser("Anna." + this.unique + "@School.example", "верный-пароль-1", "Анна Смирнова",
					new TeacherId(teacher), List.of(Grant.teacher()), false), COORDINATOR)
			.block();

		User found = this.users.findByLogin("anna." + this.unique + "@school.EXAMPLE").block();

		assertThat(found).isEqualTo(created);
		assertThat(found.login()).isEqualTo("Anna." + this.unique + "@School.example");
		assertThat(found.teacher()).isEqualTo(new TeacherId(teacher));
		assertThat(found.grants()).containsExactly(Grant.teacher());
		assertThat(this.database.sql("select password_hash from users where id = :id")
			.bind("id", found.id().value())
			.map((row) -> row.get("password_hash", String.class))
			.one()
			.block()).startsWith("{bcrypt}").doesNotContain("верный-пароль-1");
	}

	@Test
	void rightPasswordAuthenticatesWhateverTheCaseOfTheLogin() {
		User created = create("right-password", List.of());

		this.users.authenticate(created.login().toUpperCase(), "right-password")
			.as(StepVerifier::create)
			.assertNext((user) -> assertThat(user.id()).isEqualTo(created.id()))
			.verifyComplete();
	}

	@Test
	void wrongPasswordUnknownLoginAndDisabledAccountGiveTheSameAnswer() {
		User created = create("right-password", List.of());
		User disabled = create("right-password", List.of());
		this.database.sql("update users set enabled = false where id = :id")
			.bind("id", disabled.id().value())
			.then()
			.block();

		this.users.authenticate(created.login(), "wrong-password").as(StepVerifier::create).verifyComplete();
		this.users.authenticate("nobody." + this.unique + "@example.org", "right-password")
			.as(StepVerifier::create)
			.verifyComplete();
		this.users.authenticate(disabled.login(), "right-password").as(StepVerifier::create).verifyComplete();
	}

	@Test
	void unknownLoginCostsAPasswordCheckToo() {
		AtomicInteger checks = new AtomicInteger();
		Users counted = new Users(this.database, new CountingEncoder(this.passwords, checks), this.audit);
		User created = create("right-password", List.of());

		counted.authenticate(created.login(), "wrong-password").block();
		assertThat(checks).hasValue(1);
		counted.authenticate("nobody." + this.unique + "@example.org", "wrong-password").block();
		assertThat(checks).hasValue(2);
	}

	@Test
	void creatingAUserAuditsTheCreationAndEveryGrant() {
		long network = network();
		User created = create("password-1", List.of(Grant.expert(new NetworkId(network))));

		assertThat(auditOf(created.id())).containsExactly("user_created", "role_granted");
		assertThat(created.grants()).containsExactly(Grant.expert(new NetworkId(network)));
	}

	@Test
	void grantAndRevokeWriteAuditRowsOnlyWhenSomethingChanged() {
		long organisation = this.fixtures.organisation("Лицей");
		Grant admin = Grant.organisationAdmin(new OrganisationId(organisation));
		User user = create("password-1", List.of());

		assertThat(this.users.grant(user.id(), admin, COORDINATOR).block()).isTrue();
		assertThat(this.users.grant(user.id(), admin, COORDINATOR).block()).isFalse();
		assertThat(this.users.find(user.id()).block().grants()).containsExactly(admin);
		assertThat(this.users.revoke(user.id(), admin, COORDINATOR).block()).isTrue();
		assertThat(this.users.revoke(user.id(), admin, COORDINATOR).block()).isFalse();

		assertThat(this.users.find(user.id()).block().grants()).isEmpty();
		assertThat(auditOf(user.id())).containsExactly("user_created", "role_granted", "role_revoked");
		assertThat(this.database.sql("""
				select actor_login, address, details ->> 'organisation' as organisation from audit_log
				where target = :target and action = 'role_revoked'
				""")
			.bind("target", "user:" + user.id().value())
			.map((row) -> row.get("actor_login", String.class) + " " + row.get("address", String.class) + " "
					+ row.get("organisation", String.class))
			.one()
			.block()).isEqualTo("coordinator@example.org 203.0.113.7 " + organisation);
	}

	@Test
	void scopedGrantsOfOneRoleAreDistinct() {
		Grant first = Grant.coordinator(new NetworkId(network()));
		Grant second = Grant.coordinator(new NetworkId(network()));
		User user = create("password-1", List.of(first));

		assertThat(this.users.grant(user.id(), second, COORDINATOR).block()).isTrue();
		assertThat(this.users.revoke(user.id(), Grant.installationCoordinator(), COORDINATOR).block()).isFalse();
		assertThat(this.users.find(user.id()).block().grants()).containsExactlyInAnyOrder(first, second);
	}

	@Test
	void failedCreationWritesNothing() {
		String login = "not-a-teacher." + this.unique + "@example.org";

		this.users
			.create(new NewUser(login, "password-1", "Не педагог", null, List.of(Grant.teacher()), false), COORDINATOR)
			.as(StepVerifier::create)
			.verifyError(DataIntegrityViolationException.class);

		this.users.findByLogin(login).as(StepVerifier::create).verifyComplete();
		assertThat(auditCount("details ->> 'login' = :value", login)).isZero();
	}

	@Test
	void loginTakenInAnotherCaseIsRefusedWritingNothing() {
		User existing = create("password-1", List.of());

		this.users
			.create(new NewUser(existing.login().toUpperCase(), "password-2", "Двойник", null, List.of(), false),
					COORDINATOR)
			.as(StepVerifier::create)
			.verifyError(DataIntegrityViolationException.class);

		assertThat(auditCount("lower(details ->> 'login') = lower(:value)", existing.login())).isOne();
	}

	@Test
	void grantInAnUnknownNetworkWritesNothing() {
		User user = create("password-1", List.of());

		this.users.grant(user.id(), Grant.expert(new NetworkId(-1)), COORDINATOR)
			.as(StepVerifier::create)
			.verifyError(DataIntegrityViolationException.class);

		assertThat(auditOf(user.id())).containsExactly("user_created");
		assertThat(this.users.find(user.id()).block().grants()).isEmpty();
	}

	private User create(String password, List<Grant> grants) {
		String login = "user." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		return this.users.create(new NewUser(login, password, "Пользователь", null, grants, false), COORDINATOR)
			.block();
	}

	private long network() {
		return this.fixtures.network(this.fixtures.organisation("ИМЦ"));
	}

	private List<String> auditOf(UserId user) {
		return this.database.sql("select action from audit_log where target = :target order by id")
			.bind("target", "user:" + user.value())
			.map((row) -> row.get("action", String.class))
			.all()
			.collectList()
			.block();
	}

	private long auditCount(String condition, String value) {
		return this.database.sql("select count(*) as n from audit_log where " + condition)
			.bind("value", value)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
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
