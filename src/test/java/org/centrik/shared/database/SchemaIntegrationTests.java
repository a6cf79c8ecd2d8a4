package org.centrik.shared.database;

import java.sql.SQLException;
import java.sql.Statement;

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
 * The rules the database itself holds: each test breaks one and expects PostgreSQL's
 * error. Every test runs in a transaction that is rolled back.
 */
class SchemaIntegrationTests {

	private RolledBackConnection sql;

	private long organisation;

	private long otherOrganisation;

	private long network;

	private long teacher;

	private long event;

	private long practice;

	@BeforeAll
	static void migrate() {
		flyway(TestDatabase.jdbcUrl()).migrate();
	}

	@BeforeEach
	void baseRows() throws SQLException {
		this.sql = RolledBackConnection.open();
		this.organisation = this.sql.id("insert into organisations (name, kind, municipality, labels) "
				+ "values ('Школа № 1', 'school', 'Центральный', '{kip}') returning id");
		this.otherOrganisation = this.sql.id("insert into organisations (name, kind, municipality) "
				+ "values ('Детский сад № 5', 'kindergarten', 'Центральный') returning id");
		this.network = this.sql.id("insert into networks (name, level, coordinator_id) values ('Сеть', 'district', "
				+ this.organisation + ") returning id");
		this.teacher = this.sql.id("insert into teachers (organisation_id, last_name, first_name, email) values ("
				+ this.organisation + ", 'Иванова', 'Анна', 'ivanova@example.org') returning id");
		this.event = this.sql
			.id("insert into events (network_id, title, format, mode, starts_at, ends_at, place) values ("
					+ this.network
					+ ", 'Семинар', 'seminar', 'offline', now(), now() + interval '1 hour', 'Актовый зал') returning id");
		this.practice = this.sql
			.id("insert into practices (network_id, organisation_id, title, direction, levels) values (" + this.network
					+ ", " + this.organisation + ", 'Проектная деятельность', 'Проекты', '{general}') returning id");
	}

	@AfterEach
	void rollBack() throws SQLException {
		this.sql.close();
	}

	@Test
	void migrationsApplyToAnEmptyDatabase() {
		TestDatabase.withEmptyDatabase((url) -> {
			var result = flyway(url).migrate();
			assertThat(result.success).isTrue();
			assertThat(result.migrationsExecuted).isPositive();
		});
	}

	@Test
	void teacherIsCountedOncePerEvent() throws SQLException {
		this.sql.execute(participation("listener", "null"));
		this.sql.rejects(UNIQUE, participation("presenter", "null"));
	}

	@Test
	void clientIdOfACheckInIsUnique() throws SQLException {
		long second = this.sql.id("insert into teachers (organisation_id, last_name, first_name) values ("
				+ this.organisation + ", 'Петров', 'Пётр') returning id");
		this.sql.execute(participation("listener", "'6a0b8f1e-54c1-4f5e-9b43-1f1b7c2d9e10'"));
		this.sql.rejects(UNIQUE, participation("listener", "'6a0b8f1e-54c1-4f5e-9b43-1f1b7c2d9e10'")
			.replace("values (" + this.event + ", " + this.teacher, "values (" + this.event + ", " + second));
	}

	@Test
	void participationRoleIsListenerOrPresenter() {
		this.sql.rejects(CHECK, participation("spectator", "null"));
	}

	@Test
	void participationNeedsAnExistingEvent() {
		this.sql.rejects(FOREIGN_KEY, participation("listener", "null").replace("values (" + this.event, "values (-1"));
	}

	@Test
	void correctionNeedsAReason() throws SQLException {
		long participation = this.sql.id(participation("listener", "null") + " returning id");
		this.sql.rejects(CHECK,
				"insert into participation_corrections (participation_id, from_role, to_role, from_status, "
						+ "to_status, reason, corrected_by) values (" + participation
						+ ", 'listener', 'presenter', 'present', 'present', ' ', 'host')");
	}

	@Test
	void requestStateIsOneOfTheWorkflow() {
		this.sql.rejects(CHECK, request("'lost'", "null"));
	}

	@Test
	void declinedRequestNeedsAReason() {
		this.sql.rejects(CHECK, request("'declined'", "null"));
	}

	@Test
	void requestTransitionChangesTheState() throws SQLException {
		long request = this.sql.id(request("'submitted'", "null") + " returning id");
		this.sql.rejects(CHECK, "insert into request_transitions (request_id, from_state, to_state, actor) values ("
				+ request + ", 'accepted', 'accepted', 'someone')");
	}

	@Test
	void agreementPeriodEndsAfterItStarts() {
		this.sql.rejects(CHECK,
				"insert into agreements (network_id, organisation_id, number, signed_on, valid_from, valid_to) "
						+ "values (" + this.network + ", " + this.otherOrganisation
						+ ", '12/2025', '2025-09-01', '2025-09-01', '2025-08-31')");
	}

	@Test
	void agreementNumberIsUniqueInANetwork() throws SQLException {
		String agreement = "insert into agreements (network_id, organisation_id, number, signed_on, valid_from) "
				+ "values (" + this.network + ", %d, '7/2025', '2025-09-01', '2025-09-01')";
		this.sql.execute(agreement.formatted(this.organisation));
		this.sql.rejects(UNIQUE, agreement.formatted(this.otherOrganisation));
	}

	@Test
	void eventEndsAfterItStarts() {
		this.sql.rejects(CHECK,
				"insert into events (network_id, title, format, mode, starts_at, ends_at, place) values ("
						+ this.network
						+ ", 'Семинар', 'seminar', 'offline', now(), now() - interval '1 minute', 'Зал')");
	}

	@Test
	void offlineEventHasAPlaceAndOnlineEventALink() {
		this.sql.rejects(CHECK, "insert into events (network_id, title, format, mode, starts_at, ends_at) values ("
				+ this.network + ", 'Семинар', 'seminar', 'offline', now(), now() + interval '1 hour')");
		this.sql.rejects(CHECK, "insert into events (network_id, title, format, mode, starts_at, ends_at) values ("
				+ this.network + ", 'Вебинар', 'webinar', 'online', now(), now() + interval '1 hour')");
	}

	@Test
	void cancelledEventNeedsAReason() {
		this.sql.rejects(CHECK, "update events set state = 'cancelled' where id = " + this.event);
	}

	@Test
	void eventFormatIsOneOfTheRegulations() {
		this.sql.rejects(CHECK,
				"insert into events (network_id, title, format, mode, starts_at, ends_at, place) values ("
						+ this.network + ", 'Вечеринка', 'party', 'offline', now(), now() + interval '1 hour', 'Зал')");
	}

	@Test
	void organisationLabelsAreKnownLabels() {
		this.sql.rejects(CHECK, "insert into organisations (name, kind, municipality, labels) "
				+ "values ('Школа № 2', 'school', 'Центральный', '{fip,nasa}')");
	}

	@Test
	void teacherEmailIsUniqueIgnoringCase() {
		this.sql.rejects(UNIQUE, "insert into teachers (organisation_id, last_name, first_name, email) values ("
				+ this.organisation + ", 'Иванова', 'Мария', 'IVANOVA@example.org')");
	}

	@Test
	void teacherBelongsToAnOrganisation() {
		this.sql.rejects(NOT_NULL, "insert into teachers (last_name, first_name) values ('Сидоров', 'Иван')");
	}

	@Test
	void certificateIsIssuedOncePerTeacherKindAndYear() throws SQLException {
		String certificate = "insert into certificates (network_id, school_year, kind, teacher_id, number, issued_on, "
				+ "verification_token, serial) values (" + this.network + ", 2025, '%s', " + this.teacher
				+ ", '%s', '2026-06-01', '%s', %d)";
		this.sql.execute(certificate.formatted("teacher_certificate", "С-2025-001", "token-1", 1));
		this.sql.rejects(UNIQUE, certificate.formatted("teacher_certificate", "С-2025-002", "token-2", 2));
		// one card, one certificate a year: not both kinds either
		this.sql.rejects(UNIQUE, certificate.formatted("network_teacher", "С-2025-003", "token-3", 3));
	}

	@Test
	void certificatesOfANetworkAndYearAreNumberedWithoutRepeats() throws SQLException {
		long other = this.sql
			.id("insert into teachers (organisation_id, last_name, first_name) select organisation_id, "
					+ "'Другой', 'Пётр' from teachers where id = " + this.teacher + " returning id");
		String certificate = "insert into certificates (network_id, school_year, kind, teacher_id, number, issued_on, "
				+ "verification_token, serial) values (" + this.network + ", 2025, 'teacher_certificate', %d, '%s', "
				+ "'2026-06-01', '%s', 7)";
		this.sql.execute(certificate.formatted(this.teacher, "С-2025-007", "token-7"));
		this.sql.rejects(UNIQUE, certificate.formatted(other, "С-2025-007b", "token-7b"));
	}

	@Test
	void platformStatusBelongsToAnOrganisationNotATeacher() {
		this.sql.rejects(CHECK,
				"insert into certificates (network_id, school_year, kind, teacher_id, number, issued_on, "
						+ "verification_token, serial) values (" + this.network + ", 2025, 'network_platform', "
						+ this.teacher + ", 'П-2025-001', '2026-06-01', 'token-3', 1)");
	}

	@Test
	void rejectedReviewNeedsComments() throws SQLException {
		long product = this.sql.id("insert into products (network_id, title, type) values (" + this.network
				+ ", 'Рабочая программа', 'methodical_materials') returning id");
		this.sql.rejects(CHECK, "insert into reviews (product_id, expert_id, conclusion, decided_at) values (" + product
				+ ", " + this.teacher + ", 'reject', now())");
	}

	@Test
	void creativeGroupDecisionIsDatedAndRejectionReasoned() {
		String group = "insert into creative_groups (network_id, name, problem, expected_result, term_from, term_to, "
				+ "leader_id, state, decision_reason, decided_at) values (" + this.network
				+ ", 'МТГ', 'Проблема', 'Результат', '2025-09-01', '2026-05-31', " + this.teacher + ", %s)";
		this.sql.rejects(CHECK, group.formatted("'created', null, null"));
		this.sql.rejects(CHECK, group.formatted("'rejected', null, now()"));
	}

	@Test
	void practiceSearchSpeaksRussian() throws SQLException {
		try (Statement statement = this.sql.connection().createStatement()) {
			var result = statement.executeQuery("select count(*) from practices where id = " + this.practice
					+ " and search @@ websearch_to_tsquery('russian', 'проектной деятельностью')");
			result.next();
			assertThat(result.getLong(1)).isEqualTo(1);
		}
	}

	@Test
	void changeHasNoPositionUntilTheSequencerStampsIt() throws SQLException {
		long id = this.sql.id("insert into change_log (topic, type, payload) values ('t', 'x', '{}') returning id");
		try (Statement statement = this.sql.connection().createStatement()) {
			var result = statement.executeQuery("select seq is null from change_log where id = " + id);
			result.next();
			assertThat(result.getBoolean(1)).isTrue();
		}
		this.sql.id("insert into change_log (topic, type, payload, seq) values ('t', 'x', '{}', -7) returning id");
		this.sql.rejects(UNIQUE, "insert into change_log (topic, type, payload, seq) values ('t', 'x', '{}', -7)");
	}

	private String participation(String role, String clientId) {
		return "insert into participations (event_id, teacher_id, role, method, recorded_at, client_id, recorded_by) "
				+ "values (" + this.event + ", " + this.teacher + ", '" + role + "', 'qr', now(), " + clientId
				+ ", 'self')";
	}

	private String request(String state, String reason) {
		return "insert into requests (network_id, school_year, practice_id, applicant_id, state, decline_reason) "
				+ "values (" + this.network + ", 2025, " + this.practice + ", " + this.otherOrganisation + ", " + state
				+ ", " + reason + ")";
	}

	private static Flyway flyway(String url) {
		return Flyway.configure()
			.dataSource(url, TestDatabase.user(), TestDatabase.password())
			.locations("classpath:db/migration")
			.load();
	}

}
