package org.centrik.web;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.centrik.security.TestAccounts;
import org.centrik.shared.SchoolYear;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recognition in the browser (src/main/web/e2e/card.test.js), at 390 and 1920 px: a
 * teacher's open card gets the centrik the host marks, live; the admin finds who is one
 * short; the coordinator closes last school year in the wizard and confirms a «Сетевая
 * площадка»; the verification page says valid to an anonymous phone.
 */
@IntegrationTest
class CardUiIntegrationTests {

	private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Test
	void theCardIsLiveTheYearEndIssuesCertificatesAndTheirVerificationSaysValid() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts accounts = new TestAccounts(this.context);
		long imc = fixtures.organisation("ИМЦ витрины");
		long network = fixtures.network(imc);
		long gymnasium = fixtures.organisation("Гимназия витрины");
		long school = fixtures.organisation("Школа витрины");
		fixtures.member(network, gymnasium);
		fixtures.member(network, school);
		long practice = id("""
				insert into practices (network_id, organisation_id, title, direction, levels, declared_on)
				values (:network, :organisation, 'Проектная деятельность', 'Проекты', '{general}', date '2015-09-01')
				returning id
				""", network, gymnasium);
		SchoolYear last = SchoolYear.of(LocalDate.now(MOSCOW)).previous();
		long request = id("""
				insert into requests (network_id, school_year, practice_id, applicant_id, state)
				values (:network, %d, %d, :organisation, 'delivered') returning id
				""".formatted(last.startYear(), practice), network, school);
		List<Long> events = List.of(finished(fixtures, network, gymnasium, last.firstDay().plusDays(40), request),
				finished(fixtures, network, gymnasium, last.firstDay().plusDays(90), request),
				finished(fixtures, network, gymnasium, last.firstDay().plusDays(200), request));
		for (int i = 0; i < 3; i++) {
			long presenter = fixtures.teacher(gymnasium, "Транслятор" + "ова".repeat(i + 1));
			participation(events.get(i), presenter, "presenter");
			participation(events.get((i + 1) % 3), presenter, "listener");
			participation(events.get((i + 2) % 3), presenter, "listener");
		}
		long listener = fixtures.teacher(school, "Слушателева");
		events.forEach((event) -> participation(event, listener, "listener"));
		long stillShort = fixtures.teacher(school, "Почтиева");
		participation(events.get(0), stillShort, "listener");
		participation(events.get(1), stillShort, "listener");
		long first = fixtures.teacher(school, "Живая");
		long second = fixtures.teacher(school, "Экранная");
		for (long teacher : List.of(first, second)) {
			participation(events.get(0), teacher, "listener");
			participation(events.get(2), teacher, "listener");
		}
		long live = fixtures.liveEvent(network, gymnasium);
		TestAccounts.Account host = accounts.host(fixtures.teacher(gymnasium, "Ведущая"), live);

		String output = E2e.run("card.test.js", this.httpPort,
				Map.ofEntries(
						Map.entry("CENTRIK_E2E_CARD_TEACHERS",
								accounts.teacher(first).login() + "," + accounts.teacher(second).login()),
						Map.entry("CENTRIK_E2E_CARD_TEACHER_IDS", first + "," + second),
						Map.entry("CENTRIK_E2E_CARD_HOST", host.login()),
						Map.entry("CENTRIK_E2E_CARD_EVENT", Long.toString(live)),
						Map.entry("CENTRIK_E2E_CARD_COORDINATOR", accounts.coordinator(network).login()),
						Map.entry("CENTRIK_E2E_CARD_NETWORK", Long.toString(network)),
						Map.entry("CENTRIK_E2E_CARD_YEAR", Integer.toString(last.startYear())),
						Map.entry("CENTRIK_E2E_CARD_ADMIN", accounts.admin(school).login()),
						Map.entry("CENTRIK_E2E_ACCOUNT_PASSWORD", TestAccounts.PASSWORD)));
		assertThat(output).contains("# skipped 0");

		// what the browser did, in the database: four certificates of last year, the
		// platform's, and the two live centriks
		assertThat(count("select count(*) from certificates where network_id = " + network + " and school_year = "
				+ last.startYear() + " and kind in ('teacher_certificate', 'network_teacher')"))
			.isEqualTo(4);
		assertThat(count("select count(*) from certificates where network_id = " + network
				+ " and kind = 'network_platform' and organisation_id = " + gymnasium))
			.isEqualTo(1);
		assertThat(count("select count(*) from participations where event_id = " + live)).isEqualTo(2);
	}

	private long finished(Fixtures fixtures, long network, long host, LocalDate day, long request) {
		long event = fixtures.event(network, host, day.atTime(LocalTime.of(15, 0)).atZone(MOSCOW).toInstant(),
				Duration.ofHours(2), "finished");
		this.database.sql("insert into event_requests (event_id, request_id) values (:event, :request)")
			.bind("event", event)
			.bind("request", request)
			.then()
			.block();
		return event;
	}

	private void participation(long event, long teacher, String role) {
		this.database.sql("""
				insert into participations (event_id, teacher_id, role, method, recorded_at, recorded_by)
				select :event, :teacher, :role, 'host_marked', starts_at, 'e2e' from events where id = :event
				""").bind("event", event).bind("teacher", teacher).bind("role", role).then().block();
	}

	private long id(String sql, long network, long organisation) {
		return this.database.sql(sql)
			.bind("network", network)
			.bind("organisation", organisation)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

}
