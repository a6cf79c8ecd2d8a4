package org.centrik.library;

import java.util.List;

import org.centrik.security.TestAccounts;
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
 * The virtual methodical cabinet (rule 9): approved products only, searched in Russian
 * whatever the word form, ranked, filtered, recommended ones marked; visible to the
 * network's members and to nobody else.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CabinetIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	LibraryScene scene;

	long titled;

	long described;

	long recommended;

	long pending;

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
		this.titled = product("Проектная деятельность младших школьников", "project", "{primary}", "Окружающий мир",
				this.scene.schoolA, "approved");
		this.described = product("Кейсы по физике", "methodical_materials", "{general}", "Физика", this.scene.schoolB,
				"approved", "Немного о проектной деятельности на уроках физики");
		this.recommended = product("Контрольные работы по алгебре", "assessment_materials", "{general}", "Алгебра",
				this.scene.schoolA, "recommended");
		this.pending = product("Проектная деятельность: черновик", "project", "{primary}", "Окружающий мир",
				this.scene.schoolA, "in_review");
	}

	@Test
	void searchFindsAnotherWordFormAndRanksTheTitleMatchFirst() {
		assertThat(cabinet(this.scene.reader, "q=проектной деятельностью")).extracting(Product::id)
			.containsExactly(this.titled, this.described);
	}

	@Test
	void onlyApprovedProductsAreInTheCabinetAndRecommendedOnesAreMarked() {
		List<Product> all = cabinet(this.scene.reader, "");
		assertThat(all).extracting(Product::id)
			.contains(this.titled, this.described, this.recommended)
			.doesNotContain(this.pending);
		assertThat(all).filteredOn(Product::recommended).extracting(Product::id).containsExactly(this.recommended);
	}

	@Test
	void filtersNarrowTheCabinet() {
		assertThat(cabinet(this.scene.reader, "type=assessment_materials")).extracting(Product::id)
			.containsExactly(this.recommended);
		assertThat(cabinet(this.scene.reader, "level=primary")).extracting(Product::id).containsExactly(this.titled);
		assertThat(cabinet(this.scene.reader, "subject=физика")).extracting(Product::id)
			.containsExactly(this.described);
		assertThat(cabinet(this.scene.reader, "organisation=" + this.scene.schoolA)).extracting(Product::id)
			.containsExactlyInAnyOrder(this.titled, this.recommended);
	}

	@Test
	void outsidersOfTheNetworkSeeNothingOfIt() {
		assertThat(cabinet(this.scene.outsider, "")).isEmpty();
		this.http.get()
			.uri("/api/products/{id}", this.titled)
			.headers(this.scene.outsider::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get().uri("/api/library").exchange().expectStatus().isUnauthorized();
	}

	private List<Product> cabinet(TestAccounts.Account account, String query) {
		return this.http.get()
			.uri("/api/library?network=" + this.scene.network + "&" + query)
			.headers(account::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Product.class)
			.returnResult()
			.getResponseBody();
	}

	private long product(String title, String type, String levels, String subject, long organisation, String state) {
		return product(title, type, levels, subject, organisation, state, "");
	}

	private long product(String title, String type, String levels, String subject, long organisation, String state,
			String description) {
		long id = this.scene.database.sql("""
				insert into products (network_id, title, type, levels, subject, description, organisation_id, state)
				values (:network, :title, :type, cast(:levels as text[]), :subject, :description, :organisation, :state)
				returning id
				""")
			.bind("network", this.scene.network)
			.bind("title", title)
			.bind("type", type)
			.bind("levels", levels)
			.bind("subject", subject)
			.bind("description", description)
			.bind("organisation", organisation)
			.bind("state", state)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
		this.scene.database.sql("insert into product_authors (product_id, teacher_id) values (:product, :teacher)")
			.bind("product", id)
			.bind("teacher", this.scene.author)
			.then()
			.block();
		return id;
	}

}
