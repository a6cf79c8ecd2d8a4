package org.centrik.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.centrik.security.Accounts;
import org.centrik.security.Grant;
import org.centrik.shared.NetworkId;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the methodical cabinet's end-to-end suite (src/main/web/e2e/library.test.js) in
 * headless Chromium at 390 and 1920 pixels: a teacher submits a product with a file (a
 * refused file first, with its Russian message), the coordinator assigns an expert, the
 * expert approves it in a second browser, the teacher's page shows the decision live, and
 * the cabinet finds the product by another Russian word form.
 */
@IntegrationTest
class LibraryUiIntegrationTests {

	private static final String PASSWORD = "e2e-кабинет-1";

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	Accounts accounts;

	@Test
	void teacherSubmitsCoordinatorAssignsExpertApprovesAndTheCabinetFindsIt() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		long centre = fixtures.organisation("ИМЦ кабинета");
		long network = fixtures.network(centre);
		long schoolA = fixtures.organisation("Гимназия кабинета");
		long schoolB = fixtures.organisation("Лицей кабинета");
		fixtures.member(network, schoolA);
		fixtures.member(network, schoolB);
		long teacher = fixtures.teacher(schoolA, "Авторова");
		fixtures.teacher(schoolB, "Коллегова");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String teacherLogin = "teacher-" + suffix + "@centrik.test";
		String coordinatorLogin = "coordinator-" + suffix + "@centrik.test";
		String expertLogin = "expert-" + suffix + "@centrik.test";
		this.accounts.ensure(teacherLogin, PASSWORD, "Анна Авторова", new TeacherId(teacher), List.of(Grant.teacher()))
			.block();
		this.accounts
			.ensure(coordinatorLogin, PASSWORD, "Ирина Координаторова", null,
					List.of(Grant.coordinator(new NetworkId(network))))
			.block();
		this.accounts
			.ensure(expertLogin, PASSWORD, "Елена Экспертова " + suffix, null,
					List.of(Grant.expert(new NetworkId(network))))
			.block();
		String title = "Проектная деятельность в начальной школе " + suffix;

		E2e.run("library.test.js", this.httpPort,
				Map.of("CENTRIK_E2E_LIBRARY_TEACHER", teacherLogin, "CENTRIK_E2E_LIBRARY_COORDINATOR", coordinatorLogin,
						"CENTRIK_E2E_LIBRARY_EXPERT", expertLogin, "CENTRIK_E2E_LIBRARY_EXPERT_NAME",
						"Елена Экспертова " + suffix, "CENTRIK_E2E_LIBRARY_PASSWORD", PASSWORD,
						"CENTRIK_E2E_LIBRARY_TITLE", title));

		Map<String, Object> product = this.database.sql("""
				select p.state, p.version, (select count(*) from product_files f where f.product_id = p.id) as files,
				       (select count(*) from product_authors a where a.product_id = p.id and a.teacher_id = :teacher)
				           as credited
				from products p where p.title = :title
				""").bind("title", title).bind("teacher", teacher).fetch().one().block();
		assertThat(product.get("state")).isEqualTo("approved");
		assertThat(((Number) product.get("files")).longValue()).isOne();
		assertThat(((Number) product.get("credited")).longValue()).isOne();
		// the refused upload stored nothing
		assertThat(this.database.sql("select count(*) as n from product_files where file_name = 'Подделка.pdf'")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

}
