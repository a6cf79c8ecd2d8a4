package org.centrik.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.security.TestAccounts;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs src/main/web/e2e/attendance.test.js in headless Chromium at 390 and 1920 px: after
 * an event, its host imports a webinar platform's participant list (matched, unmatched
 * and duplicate rows), resolves an unmatched row to a teacher, imports — and imports the
 * same file again, which adds nobody; and corrects a teacher's role with a reason that
 * appears in the history. Then the database must hold exactly that.
 */
@IntegrationTest
class AttendanceUiIntegrationTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	ApplicationContext context;

	@Test
	void theHostImportsAListResolvesARowAndCorrectsWithAReasonAtPhoneAndScreenSizes() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Лицей импорта");
		long other = fixtures.organisation("Гимназия импорта");
		long network = fixtures.network(school);
		fixtures.member(network, school);
		fixtures.member(network, other);
		// over two hours ago: marks are closed, corrections and imports are not
		long event = fixtures.event(network, school, Instant.now().minus(Duration.ofHours(3)), Duration.ofHours(1),
				"finished");
		String tag = UUID.randomUUID().toString().substring(0, 6);
		long byEmail = fixtures.teacher(school, "Почтовая");
		this.database.sql("update teachers set email = :email where id = :id")
			.bind("email", "pochta-" + tag + "@school.test")
			.bind("id", byEmail)
			.then()
			.block();
		long byName = fixtures.teacher(other, "Именная" + tag);
		long resolved = fixtures.teacher(other, "Найденная" + tag);
		long corrected = fixtures.teacher(school, "Поправкина" + tag);
		this.attendance
			.record(new EventId(event), new TeacherId(corrected), Participation.Role.LISTENER, Participation.Method.QR,
					UUID.randomUUID(), Instant.now().minus(Duration.ofHours(2)), "e2e")
			.block();
		TestAccounts accounts = new TestAccounts(this.context);
		TestAccounts.Account host = accounts.host(fixtures.teacher(school, "Ведущая"), event);
		// rows 2 (e-mail), 3 (name and organisation), 4 (nobody: resolved by the host),
		// 5 (the first again: a duplicate), 6 (nobody: left unmatched)
		String csv = String.join("\r\n", "ФИО;Email;Организация",
				"Почтовая Анна Сергеевна;POCHTA-" + tag + "@school.test;", "Анна Именная" + tag + ";;Гимназия импорта",
				"Аня Н. (с планшета);;", "Почтовая А.;pochta-" + tag + "@school.test;",
				"Гость Вебинара;guest@example.org;");

		E2e.run("attendance.test.js", this.httpPort,
				Map.of("CENTRIK_EVENT_ID", Long.toString(event), "CENTRIK_E2E_HOST", host.login(),
						"CENTRIK_E2E_ACCOUNT_PASSWORD", TestAccounts.PASSWORD, "CENTRIK_E2E_CSV", csv,
						"CENTRIK_E2E_MATCHED", "2", "CENTRIK_E2E_RESOLVE_ROW", "4", "CENTRIK_E2E_RESOLVE_TO",
						"Найденная" + tag, "CENTRIK_E2E_CORRECT", "Поправкина" + tag));

		// one participation each, although the file was imported twice
		for (long teacher : new long[] { byEmail, byName, resolved }) {
			assertThat(count("select count(*) from participations where event_id = " + event
					+ " and method = 'import' and teacher_id = " + teacher))
				.isEqualTo(1);
		}
		assertThat(count("select count(*) from participations where event_id = " + event)).isEqualTo(4);
		// presenter, then listener again: both corrections kept with their reasons
		assertThat(count("select count(*) from participation_corrections c join participations p"
				+ " on p.id = c.participation_id where p.teacher_id = " + corrected
				+ " and length(c.reason) > 0 and c.from_role <> c.to_role"))
			.isEqualTo(2);
		assertThat(count("select count(*) from participations where teacher_id = " + corrected
				+ " and role = 'listener' and status = 'present'"))
			.isEqualTo(1);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

}
