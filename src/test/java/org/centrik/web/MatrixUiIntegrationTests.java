package org.centrik.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.matrix.NewRequest;
import org.centrik.matrix.PracticeDeclaration;
import org.centrik.matrix.Practices;
import org.centrik.matrix.Requests;
import org.centrik.security.Caller;
import org.centrik.security.Grant;
import org.centrik.security.TestAccounts;
import org.centrik.shared.OrganisationId;
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
 * Runs the web UI's suite of the registry, the bank and the live matrix
 * (src/main/web/e2e/matrix.test.js) against this server: two browsers on the matrix page,
 * the executor's admin accepting a request on a phone and the coordinator's wall screen
 * showing the cell change within a second; the bank searched at phone size and a request
 * filed from it; the coordinator's accept of a request to a school whose agreement
 * lapsed, refused with its Russian reason; the coordinator adding an organisation and its
 * agreement. Then checks what the UI wrote.
 */
@IntegrationTest
class MatrixUiIntegrationTests {

	@LocalServerPort
	int httpPort;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	Practices practices;

	@Autowired
	Requests requests;

	@Test
	void liveMatrixBankRequestsAndRegistryInTwoBrowsersAtPhoneAndScreenSizes() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		TestAccounts users = new TestAccounts(this.context);
		long centre = fixtures.organisation("ИМЦ матрицы");
		long network = fixtures.network(centre);
		long applicant = fixtures.organisation("Школа-заявитель");
		long executor = fixtures.organisation("Лицей-исполнитель");
		long lapsed = fixtures.organisation("Гимназия с истёкшим договором");
		for (long school : List.of(centre, applicant, executor, lapsed)) {
			fixtures.member(network, school);
		}
		long projects = declare(network, executor, "Организация проектной деятельности школьников",
				"Проектная деятельность", "Как учить детей ставить задачу и защищать проект.");
		declare(network, executor, "Деятельность школьного музея", "Краеведение",
				"Проектная работа с экспонатами и экскурсии.");
		long media = declare(network, lapsed, "Медиаобразование", "Медиаграмотность", "Школьное телевидение.");
		int year = SchoolYear.of(LocalDate.now()).startYear();

		TestAccounts.Account coordinator = users.coordinator(network);
		TestAccounts.Account executorAdmin = users.admin(executor);
		TestAccounts.Account applicantAdmin = users.admin(applicant);
		long request = submit(projects, applicant, applicantAdmin, year);
		long lapsedRequest = submit(media, applicant, applicantAdmin, year);
		this.database.sql("""
				update agreements set valid_to = current_date - 1
				where network_id = :network and organisation_id = :organisation
				""").bind("network", network).bind("organisation", lapsed).then().block();

		E2e.run("matrix.test.js", this.httpPort,
				Map.ofEntries(Map.entry("CENTRIK_MATRIX_NETWORK", Long.toString(network)),
						Map.entry("CENTRIK_MATRIX_YEAR", Integer.toString(year)),
						Map.entry("CENTRIK_MATRIX_REQUEST", Long.toString(request)),
						Map.entry("CENTRIK_MATRIX_LAPSED_REQUEST", Long.toString(lapsedRequest)),
						Map.entry("CENTRIK_MATRIX_PRACTICE", Long.toString(projects)),
						Map.entry("CENTRIK_MATRIX_COORDINATOR", coordinator.login()),
						Map.entry("CENTRIK_MATRIX_EXECUTOR", executorAdmin.login()),
						Map.entry("CENTRIK_MATRIX_APPLICANT", applicantAdmin.login()),
						Map.entry("CENTRIK_MATRIX_PASSWORD", TestAccounts.PASSWORD)));

		// accepted once, by the executor's admin; the refused accept changed nothing
		assertThat(this.database.sql("""
				select r.state, t.actor from requests r join request_transitions t on t.request_id = r.id
				where r.id = :id and t.to_state = 'accepted'
				""").bind("id", request).fetch().all().collectList().block()).singleElement().satisfies((row) -> {
			assertThat(row.get("state")).isEqualTo("accepted");
			assertThat(row.get("actor")).isEqualTo(executorAdmin.login());
		});
		assertThat(state(lapsedRequest)).isEqualTo("submitted");
		// the request filed on the phone, with what was typed
		assertThat(this.database.sql("""
				select desired_format, teachers_count, comment, period_from from requests
				where practice_id = :practice and applicant_id = :applicant and id <> :first
				""")
			.bind("practice", projects)
			.bind("applicant", applicant)
			.bind("first", request)
			.fetch()
			.all()
			.collectList()
			.block()).singleElement().satisfies((row) -> {
				assertThat(row.get("desired_format")).isEqualTo("master_class");
				assertThat(row.get("teachers_count")).isEqualTo(5);
				assertThat(row.get("comment")).isEqualTo("Для учителей истории и обществознания");
				assertThat(row.get("period_from")).isEqualTo(LocalDate.of(year, 10, 1));
			});
		// the organisation and its agreement added on the registry page
		assertThat(this.database.sql("""
				select o.kind, o.labels from organisations o join agreements a on a.organisation_id = o.id
				where a.network_id = :network and o.name like 'МБДОУ «Детский сад № %»'
				""").bind("network", network).fetch().all().collectList().block()).singleElement()
			.satisfies((row) -> assertThat(row.get("kind")).isEqualTo("kindergarten"));
	}

	private long declare(long network, long organisation, String title, String direction, String description) {
		return this.practices
			.declare(new PracticeDeclaration(network, organisation, title, direction, List.of("general"), description,
					List.of("master_class", "seminar"), null))
			.block()
			.id();
	}

	private long submit(long practice, long applicant, TestAccounts.Account admin, int year) {
		Caller caller = new Caller(admin.id(), admin.login(), null, null,
				List.of(Grant.organisationAdmin(new OrganisationId(applicant))), false, null, null);
		return this.requests
			.submit(new NewRequest(UUID.randomUUID(), practice, applicant, "master_class", null, null, 6, null, year),
					caller)
			.block()
			.request()
			.id();
	}

	private String state(long request) {
		return this.database.sql("select state from requests where id = :id")
			.bind("id", request)
			.map((row) -> row.get("state", String.class))
			.one()
			.block();
	}

}
