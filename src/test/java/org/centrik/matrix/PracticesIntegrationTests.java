package org.centrik.matrix;

import java.util.List;
import java.util.Map;

import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bank of practices: Russian full-text search ranks a title match first, filters
 * narrow it, and only a member organisation's admin (or the coordinator) declares.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PracticesIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	MatrixScene scene;

	long titled;

	long described;

	@BeforeAll
	void scene() {
		this.scene = new MatrixScene(this.context);
		this.described = this.scene.database.sql("""
				insert into practices (network_id, organisation_id, title, direction, levels, description)
				values (:network, :organisation, 'Исследовательские кейсы', 'Естественные науки', '{primary}',
				    'Кейсы на уроках; немного о проектной деятельности в конце') returning id
				""")
			.bind("network", this.scene.network)
			.bind("organisation", this.scene.bystander)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
		this.titled = this.scene.practice(this.scene.executor, "Организация проектной деятельности школьников",
				"Метапредметные результаты");
	}

	@Test
	void searchingProjectActivityRanksTheTitleMatchFirst() {
		List<Practice> found = search("q=проектная деятельность&network=" + this.scene.network);
		assertThat(found).extracting(Practice::id).containsExactly(this.titled, this.described);
	}

	@Test
	void filtersNarrowTheBank() {
		String network = "network=" + this.scene.network;
		assertThat(search(network + "&level=primary")).extracting(Practice::id)
			.contains(this.described)
			.doesNotContain(this.titled);
		assertThat(search(network + "&direction=Метапредметные результаты")).extracting(Practice::id)
			.containsExactly(this.titled);
		assertThat(search(network + "&organisation=" + this.scene.executor)).extracting(Practice::id)
			.contains(this.titled, this.scene.practice)
			.doesNotContain(this.described);
		assertThat(search(network + "&label=kip")).extracting(Practice::id)
			.contains(this.titled, this.described, this.scene.practice);
		assertThat(search(network + "&label=fip")).isEmpty();
	}

	@Test
	void aMemberAdminDeclaresAndEditsTheirPracticesAndALapsedOneDoesNot() {
		Map<String, Object> declaration = Map.of("networkId", this.scene.network, "organisationId",
				this.scene.applicant, "title", "Театральная педагогика", "direction", "Воспитание", "levels",
				List.of("general"), "formats", List.of("master_class", "workshop"), "materialsUrl",
				"https://example.org/materials");
		Practice declared = this.http.post()
			.uri("/api/practices")
			.headers(this.scene.applicantAdmin::bearer)
			.bodyValue(declaration)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Practice.class)
			.returnResult()
			.getResponseBody();
		assertThat(declared.formats()).containsExactly("master_class", "workshop");
		this.http.put()
			.uri("/api/practices/{id}", declared.id())
			.headers(this.scene.applicantAdmin::bearer)
			.bodyValue(Map.of("title", "Театральная педагогика в начальной школе", "direction", "Воспитание", "levels",
					List.of("primary")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.levels[0]")
			.isEqualTo("primary")
			.jsonPath("$.organisationId")
			.isEqualTo(this.scene.applicant);
		this.http.put()
			.uri("/api/practices/{id}", declared.id())
			.headers(this.scene.executorAdmin::bearer)
			.bodyValue(Map.of("title", "Чужая", "direction", "Воспитание", "levels", List.of("primary")))
			.exchange()
			.expectStatus()
			.isForbidden();

		MatrixScene lapsing = new MatrixScene(this.context);
		lapsing.lapse(lapsing.applicant);
		long writes = lapsing.writes();
		this.http.post()
			.uri("/api/practices")
			.headers(lapsing.applicantAdmin::bearer)
			.bodyValue(Map.of("networkId", lapsing.network, "organisationId", lapsing.applicant, "title", "Поздно",
					"direction", "Воспитание", "levels", List.of("general")))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(lapsing.writes()).isEqualTo(writes);
	}

	private List<Practice> search(String query) {
		return this.http.get()
			.uri("/api/practices?" + query)
			.headers(this.scene.bystanderAdmin::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Practice.class)
			.returnResult()
			.getResponseBody();
	}

}
