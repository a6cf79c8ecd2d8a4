package org.centrik.security;

import java.sql.SQLException;
import java.util.UUID;

import org.centrik.support.RolledBackConnection;
import org.centrik.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.centrik.support.RolledBackConnection.CHECK;
import static org.centrik.support.RolledBackConnection.FOREIGN_KEY;
import static org.centrik.support.RolledBackConnection.NOT_NULL;
import static org.centrik.support.RolledBackConnection.UNIQUE;

/**
 * The security rules the database holds (V4): each test breaks one and expects
 * PostgreSQL's error. Every test runs in a transaction that is rolled back.
 */
class SecuritySchemaIntegrationTests {

	private static final String HASH = "'{bcrypt}$2a$10$abcdefghijklmnopqrstuv'";

	private RolledBackConnection sql;

	private long organisation;

	private long network;

	private long teacher;

	private long event;

	private long user;

	private String unique;

	@BeforeAll
	static void migrate() {
		Flyway.configure()
			.dataSource(TestDatabase.jdbcUrl(), TestDatabase.user(), TestDatabase.password())
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	@BeforeEach
	void baseRows() throws SQLException {
		this.sql = RolledBackConnection.open();
		this.unique = UUID.randomUUID().toString().substring(0, 8);
		this.organisation = this.sql.id("insert into organisations (name, kind, municipality) "
				+ "values ('Школа № 2', 'school', 'Центральный') returning id");
		this.network = this.sql.id("insert into networks (name, level, coordinator_id) values ('Сеть', 'district', "
				+ this.organisation + ") returning id");
		this.teacher = this.sql.id("insert into teachers (organisation_id, last_name, first_name) values ("
				+ this.organisation + ", 'Иванова', 'Анна') returning id");
		this.event = this.sql
			.id("insert into events (network_id, title, format, mode, starts_at, ends_at, place) values ("
					+ this.network
					+ ", 'Семинар', 'seminar', 'offline', now(), now() + interval '1 hour', 'Актовый зал') returning id");
		this.user = this.sql.id(user("anna." + this.unique + "@example.org", HASH, "null"));
	}

	@AfterEach
	void rollBack() throws SQLException {
		this.sql.close();
	}

	@Test
	void loginIsUniqueWhateverItsCase() {
		this.sql.rejects(UNIQUE, user("ANNA." + this.unique + "@Example.org", HASH, "null"));
	}

	@Test
	void loginIsAnEmailAddress() {
		this.sql.rejects(CHECK, user("anna-" + this.unique, HASH, "null"));
	}

	@Test
	void passwordHashNamesItsEncoder() {
		this.sql.rejects(CHECK, user("b." + this.unique + "@example.org", "'$2a$10$abcdefghijklmnopqrstuv'", "null"));
	}

	@Test
	void displayNameIsNotBlank() {
		this.sql.rejects(CHECK, "insert into users (login, password_hash, display_name) values ('c." + this.unique
				+ "@example.org', " + HASH + ", ' ')");
	}

	@Test
	void aTeacherHasOneAccountAtMost() throws SQLException {
		this.sql.execute(user("d." + this.unique + "@example.org", HASH, String.valueOf(this.teacher)));
		this.sql.rejects(UNIQUE, user("e." + this.unique + "@example.org", HASH, String.valueOf(this.teacher)));
	}

	@Test
	void userIsAnExistingTeacher() {
		this.sql.rejects(FOREIGN_KEY, user("f." + this.unique + "@example.org", HASH, "-1"));
	}

	@Test
	void roleIsOneOfTheFour() {
		this.sql.rejects(CHECK, role("'host'", "null", "null"));
	}

	@Test
	void expertIsScopedToANetwork() {
		this.sql.rejects(CHECK, role("'expert'", "null", "null"));
	}

	@Test
	void organisationAdminIsScopedToAnOrganisationOnly() {
		this.sql.rejects(CHECK, role("'organisation_admin'", "null", "null"));
		this.sql.rejects(CHECK,
				role("'organisation_admin'", String.valueOf(this.network), String.valueOf(this.organisation)));
	}

	@Test
	void coordinatorIsNotScopedToAnOrganisation() {
		this.sql.rejects(CHECK, role("'coordinator'", "null", String.valueOf(this.organisation)));
	}

	@Test
	void teacherRoleHasNoScope() throws SQLException {
		this.sql.execute("update users set teacher_id = " + this.teacher + " where id = " + this.user);
		this.sql.rejects(CHECK, role("'teacher'", String.valueOf(this.network), "null"));
	}

	@Test
	void teacherRoleNeedsAUserWhoIsATeacher() {
		this.sql.rejects(CHECK, role("'teacher'", "null", "null"));
	}

	@Test
	void userWithTheTeacherRoleStaysATeacher() throws SQLException {
		this.sql.execute("update users set teacher_id = " + this.teacher + " where id = " + this.user);
		this.sql.execute(role("'teacher'", "null", "null"));
		this.sql.rejects(CHECK, "update users set teacher_id = null where id = " + this.user);
	}

	@Test
	void roleScopeExists() {
		this.sql.rejects(FOREIGN_KEY, role("'expert'", "-1", "null"));
	}

	@Test
	void roleIsGrantedOnceEvenWithoutAScope() throws SQLException {
		this.sql.execute(role("'coordinator'", "null", "null"));
		this.sql.rejects(UNIQUE, role("'coordinator'", "null", "null"));
	}

	@Test
	void scopedRoleIsGrantedOncePerScope() throws SQLException {
		this.sql.execute(role("'expert'", String.valueOf(this.network), "null"));
		this.sql.execute(role("'coordinator'", String.valueOf(this.network), "null"));
		this.sql.rejects(UNIQUE, role("'expert'", String.valueOf(this.network), "null"));
	}

	@Test
	void eventHostIsAnExistingUserOnce() throws SQLException {
		this.sql.execute(
				"insert into event_host_people (event_id, user_id) values (" + this.event + ", " + this.user + ")");
		this.sql.rejects(UNIQUE,
				"insert into event_host_people (event_id, user_id) values (" + this.event + ", " + this.user + ")");
		this.sql.rejects(FOREIGN_KEY,
				"insert into event_host_people (event_id, user_id) values (" + this.event + ", -1)");
	}

	@Test
	void refreshTokenExpiresAfterItIsIssued() {
		this.sql.rejects(CHECK, refreshToken(UUID.randomUUID(), "now() - interval '1 second'", "null", "null"));
	}

	@Test
	void refreshTokenHashIsUnique() throws SQLException {
		this.sql.execute(refreshToken(UUID.randomUUID(), "now() + interval '1 day'", "null", "null"));
		this.sql.rejects(UNIQUE, refreshToken(UUID.randomUUID(), "now() + interval '1 day'", "null", "null"));
	}

	@Test
	void replacedRefreshTokenIsRevoked() throws SQLException {
		UUID first = UUID.randomUUID();
		this.sql.execute(refreshToken(first, "now() + interval '1 day'", "null", "null").replace("'\\x00", "'\\x01"));
		this.sql.rejects(CHECK, refreshToken(UUID.randomUUID(), "now() + interval '1 day'", "null", "'" + first + "'"));
	}

	@Test
	void refreshTokenIsReplacedByAnExistingToken() {
		this.sql.rejects(FOREIGN_KEY,
				refreshToken(UUID.randomUUID(), "now() + interval '1 day'", "now()", "'" + UUID.randomUUID() + "'"));
	}

	@Test
	void oneSigningKeyIsActiveAtMost() throws SQLException {
		this.sql.execute("update signing_keys set retired_at = now() where retired_at is null");
		this.sql.execute(signingKey("k1-" + this.unique, "'RS256'"));
		this.sql.rejects(UNIQUE, signingKey("k2-" + this.unique, "'RS256'"));
		this.sql.execute("update signing_keys set retired_at = now() where kid = 'k1-" + this.unique + "'");
		this.sql.execute(signingKey("k3-" + this.unique, "'RS256'"));
	}

	@Test
	void signingAlgorithmIsKnown() {
		this.sql.rejects(CHECK, signingKey("k4-" + this.unique, "'none'"));
	}

	@Test
	void auditActionIsOneOfTheList() {
		this.sql.rejects(CHECK, "insert into audit_log (actor_login, action) values ('system', 'password_peeked')");
	}

	@Test
	void auditNeedsAnAction() {
		this.sql.rejects(NOT_NULL, "insert into audit_log (actor_login) values ('system')");
	}

	@Test
	void auditDetailsAreAnObject() {
		this.sql.rejects(CHECK,
				"insert into audit_log (actor_login, action, details) values ('system', 'logout', '[1]')");
	}

	@Test
	void auditKeepsItsRowsWhenTheActorIsDeleted() throws SQLException {
		long entry = this.sql.id("insert into audit_log (actor_user_id, actor_login, action) values (" + this.user
				+ ", 'anna', 'logout') returning id");
		this.sql.execute("delete from users where id = " + this.user);
		assertThat(this.sql.id("select count(*) from audit_log where id = " + entry + " and actor_user_id is null"))
			.isEqualTo(1);
	}

	private String user(String login, String hash, String teacher) {
		return "insert into users (login, password_hash, display_name, teacher_id) values ('" + login + "', " + hash
				+ ", 'Анна Иванова', " + teacher + ") returning id";
	}

	private String role(String role, String network, String organisation) {
		return "insert into user_roles (user_id, role, network_id, organisation_id) values (" + this.user + ", " + role
				+ ", " + network + ", " + organisation + ")";
	}

	private String refreshToken(UUID id, String expiresAt, String revokedAt, String replacedBy) {
		return "insert into refresh_tokens (id, user_id, family, token_hash, expires_at, revoked_at, replaced_by) "
				+ "values ('" + id + "', " + this.user + ", '" + id + "', '\\x00" + "ab".repeat(31) + "'::bytea, "
				+ expiresAt + ", " + revokedAt + ", " + replacedBy + ")";
	}

	private String signingKey(String kid, String algorithm) {
		return "insert into signing_keys (kid, algorithm, key_material) values ('" + kid + "', " + algorithm
				+ ", 'pem')";
	}

}
