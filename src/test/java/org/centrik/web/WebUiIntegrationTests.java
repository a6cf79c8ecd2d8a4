package org.centrik.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.shared.NetworkId;
import org.centrik.shared.TeacherId;
import org.centrik.security.Accounts;
import org.centrik.security.Grant;
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
 * Runs the web UI's main end-to-end suite (src/main/web/e2e/ui.test.js, node's test
 * runner driving Debian's headless Chromium through playwright-core) against this server,
 * at 390 and 1920 pixels: login, the home page, the live dashboard of an event with its
 * rotating code, check-ins through the real API appearing on it within a second, the
 * dashboard catching up after the browser was offline, a teacher checking in on the
 * check-in page while offline (sent once the network is back, with the scan time), and
 * the host page marking teachers. Screenshots go to target/e2e-screenshots.
 * <p>
 * The teachers check in as themselves ({@code POST /api/events/{id}/check-ins}) with the
 * code the host reads from {@code /api/events/{id}/code}.
 */
@IntegrationTest
class WebUiIntegrationTests {

	private static final String PASSWORD = "e2e-пароль-1";

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	Accounts accounts;

	@Autowired
	ApplicationContext context;

	@Test
	void loginDashboardCheckInsOnlineAndOfflineAndHostMarkingAtPhoneAndScreenSizes() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		List<Long> schools = List.of(fixtures.organisation("Гимназия экрана"), fixtures.organisation("Лицей экрана"),
				fixtures.organisation("Школа экрана"));
		long network = fixtures.network(schools.get(0));
		schools.forEach((school) -> fixtures.member(network, school));
		long event = fixtures.liveEvent(network, schools.get(0));
		List<Long> teachers = new ArrayList<>();
		for (int n = 0; n < 40; n++) {
			teachers.add(fixtures.teacher(schools.get(n % schools.size()), "Экранова-" + (n + 1)));
		}
		for (int n = 0; n < 12; n++) {
			seed(event, teachers.get(n), Instant.now().minusSeconds(40L * (12 - n)),
					(n % 5 == 0) ? Participation.Role.PRESENTER : Participation.Role.LISTENER);
		}
		String login = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@centrik.test";
		this.accounts
			.ensure(login, PASSWORD, "Ирина Координаторова", null, List.of(Grant.coordinator(new NetworkId(network))))
			.block();
		TestAccounts testAccounts = new TestAccounts(this.context);
		TestAccounts.Account host = testAccounts.host(fixtures.teacher(schools.get(0), "Ведущая"), event);
		// each checks in once: over the API (a), or on the check-in page while offline
		// (b)
		List<Long> checkingIn = teachers.subList(12, 24);
		List<String> teacherLogins = checkingIn.stream()
			.map((teacher) -> testAccounts.teacher(teacher).login())
			.toList();
		// found and marked on the host page (c)
		fixtures.teacher(schools.get(1), "Отмечаемая-1");
		fixtures.teacher(schools.get(2), "Отмечаемая-2");

		E2e.run("ui.test.js", this.httpPort,
				Map.of("CENTRIK_LOGIN", login, "CENTRIK_PASSWORD", PASSWORD, "CENTRIK_EVENT_ID", Long.toString(event),
						"CENTRIK_E2E_HOST", host.login(), "CENTRIK_E2E_TEACHERS", String.join(",", teacherLogins),
						"CENTRIK_E2E_ACCOUNT_PASSWORD", TestAccounts.PASSWORD, "CENTRIK_E2E_MARK", "Отмечаемая"));

		// one participation per teacher, and the offline ones with their scan time, well
		// before they arrived
		Map<String, Object> rows = this.database.sql("""
				select count(*) as rows, count(distinct teacher_id) as teachers,
				       count(*) filter (where received_at - recorded_at > interval '2 seconds') as late
				from participations where event_id = :event and method = 'qr' and teacher_id = any(:teachers)
				""").bind("event", event).bind("teachers", checkingIn.toArray(Long[]::new)).fetch().one().block();
		// five over the API, two on the check-in page
		assertThat(((Number) rows.get("rows")).longValue()).isEqualTo(((Number) rows.get("teachers")).longValue())
			.isEqualTo(7);
		assertThat(((Number) rows.get("late")).longValue()).as("check-ins made offline, recorded at their scan time")
			.isGreaterThanOrEqualTo(2);
	}

	private void seed(long event, long teacher, Instant at, Participation.Role role) {
		this.attendance
			.record(new EventId(event), new TeacherId(teacher), role, Participation.Method.QR, UUID.randomUUID(), at,
					"e2e")
			.block();
	}

}
