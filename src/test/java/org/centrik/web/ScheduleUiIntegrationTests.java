package org.centrik.web;

import java.util.Map;

import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the schedule's end-to-end suite (src/main/web/e2e/schedule.test.js) in headless
 * Chromium at 390 and 1920 pixels: a change to an event made through the API reaches an
 * open schedule page live within two seconds (changed, new, cancelled); the host's editor
 * creates a draft answering a request (which becomes scheduled) and publishes it, and a
 * teacher's open schedule in a second browser shows it live; a teacher registers at phone
 * size, a second one waits, and is promoted live when the first unregisters.
 */
@IntegrationTest
class ScheduleUiIntegrationTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Test
	void scheduleEventPageAndEditorLiveAtPhoneAndScreenSizes() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		long host = fixtures.organisation("Гимназия расписания");
		long guest = fixtures.organisation("Лицей расписания");
		long network = fixtures.network(host);
		fixtures.member(network, host);
		fixtures.member(network, guest);
		long presenter = fixtures.teacher(host, "Выступающая");
		long practice = id("""
				insert into practices (network_id, organisation_id, title, direction, levels, declared_on)
				values (:network, :organisation, 'Смысловое чтение на уроках истории', 'Функциональная грамотность',
				        '{general}', current_date)
				returning id
				""", Map.of("network", network, "organisation", host));
		long request = id("""
				insert into requests (network_id, school_year, practice_id, applicant_id, state)
				values (:network, 2025, :practice, :applicant, 'accepted') returning id
				""", Map.of("network", network, "practice", practice, "applicant", guest));
		TestAccounts accounts = new TestAccounts(this.context);
		TestAccounts.Account admin = accounts.admin(host);
		TestAccounts.Account first = accounts.teacher(fixtures.teacher(guest, "Первова"));
		TestAccounts.Account second = accounts.teacher(fixtures.teacher(guest, "Вторая"));

		E2e.run("schedule.test.js", this.httpPort,
				Map.of("CENTRIK_E2E_SCHEDULE_ADMIN", admin.login(), "CENTRIK_E2E_SCHEDULE_TEACHERS",
						first.login() + "," + second.login(), "CENTRIK_E2E_SCHEDULE_PASSWORD", TestAccounts.PASSWORD,
						"CENTRIK_E2E_SCHEDULE_NETWORK", Long.toString(network), "CENTRIK_E2E_SCHEDULE_HOST",
						Long.toString(host), "CENTRIK_E2E_SCHEDULE_PRESENTER", Long.toString(presenter),
						"CENTRIK_E2E_SCHEDULE_REQUEST", Long.toString(request)));

		assertThat(this.database.sql("select state from requests where id = :id")
			.bind("id", request)
			.map((row) -> row.get("state", String.class))
			.one()
			.block()).as("the request the editor linked").isEqualTo("scheduled");
	}

	private long id(String sql, Map<String, Object> values) {
		return this.database.sql(sql).bindValues(values).map((row) -> row.get("id", Long.class)).one().block();
	}

}
