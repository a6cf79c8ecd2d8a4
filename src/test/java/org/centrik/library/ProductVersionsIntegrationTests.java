package org.centrik.library;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.centrik.library.LibraryScene.NamedFile;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revised versions (a product returned for revision comes back as its next version, its
 * history kept, its review restarted with ten new days) and products of creative groups
 * (the group's members as authors).
 */
@IntegrationTest
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductVersionsIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	LibraryScene scene;

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
	}

	@Test
	void revisedVersionKeepsTheHistoryAndRestartsTheReviewWithTenNewDays() {
		Product returned = this.scene.returnedForRevision(this.http, "Рабочая тетрадь");
		assertThat(returned.state()).isEqualTo("revision");
		long firstFile = returned.files().get(0).id();
		Instant before = Instant.now();

		Product revised = revise(returned.id(), this.scene.authorAccount, "Рабочая тетрадь, исправленная",
				new NamedFile("Тетрадь v2.pdf", "application/pdf", FileSafetyTests.PDF))
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();

		assertThat(revised.version()).isEqualTo(2);
		assertThat(revised.title()).isEqualTo("Рабочая тетрадь, исправленная");
		assertThat(revised.state()).isEqualTo("in_review");
		assertThat(revised.files()).extracting(Product.ProductFile::fileName).containsExactly("Тетрадь v2.pdf");
		assertThat(revised.versions()).singleElement().satisfies((first) -> {
			assertThat(first.version()).isEqualTo(1);
			assertThat(first.title()).startsWith("Рабочая тетрадь ");
			assertThat(first.files()).extracting(Product.ProductFile::id).containsExactly(firstFile);
		});
		// the expert of the last round reviews the new version, due ten days from now
		Review open = revised.reviews().stream().filter((r) -> r.conclusion() == null).findFirst().orElseThrow();
		assertThat(open.version()).isEqualTo(2);
		assertThat(open.reviewerId()).isEqualTo(this.scene.expert.id().value());
		assertThat(open.assignedAt()).isAfterOrEqualTo(before.minusSeconds(1));
		assertThat(Duration.between(open.assignedAt(), open.dueAt())).isEqualTo(Duration.ofDays(10));
		assertThat(revised.reviews()).filteredOn((r) -> r.version() == 1)
			.singleElement()
			.satisfies((old) -> assertThat(old.conclusion()).isEqualTo("return_for_revision"));
		// the first version's file is still there to download
		this.http.get()
			.uri("/api/products/{id}/files/{file}", returned.id(), firstFile)
			.headers(this.scene.authorAccount::bearer)
			.exchange()
			.expectStatus()
			.isOk();

		Product approved = this.scene.conclude(this.http, open.id(), this.scene.expert, "approve", null)
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(approved.state()).isEqualTo("approved");
		assertThat(approved.version()).isEqualTo(2);
	}

	@Test
	void revisedVersionWithoutFilesCarriesThePreviousFilesOver() {
		Product returned = this.scene.returnedForRevision(this.http, "Без новых файлов");
		Product revised = revise(returned.id(), this.scene.adminA, "Без новых файлов v2").expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(revised.files()).extracting(Product.ProductFile::sha256)
			.containsExactlyElementsOf(returned.files().stream().map(Product.ProductFile::sha256).toList());
		assertThat(revised.files().get(0).id()).isNotEqualTo(returned.files().get(0).id());
	}

	@Test
	void onlyAProductReturnedForRevisionGetsANewVersionAndOnlyFromItsPeople() {
		Product submitted = this.scene.submitted(this.http, "Не на доработке");
		revise(submitted.id(), this.scene.authorAccount, "Новая").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("illegal_transition");

		Product returned = this.scene.returnedForRevision(this.http, "Чужая доработка");
		revise(returned.id(), this.scene.reader, "Чужая").expectStatus().isForbidden();
		revise(returned.id(), this.scene.expert, "Чужая").expectStatus().isForbidden();
		// a bad file: nothing of the new version is stored
		revise(returned.id(), this.scene.authorAccount, "Плохой файл",
				new NamedFile("script.pdf", "application/pdf", "<html>".getBytes()))
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(version(returned.id())).isEqualTo(1);
		assertThat(this.scene.database.sql("select count(*) as n from product_versions where product_id = :id")
			.bind("id", returned.id())
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void createdCreativeGroupSubmitsAProductWithItsMembersAsAuthors() {
		CreativeGroup group = createdGroup();
		Map<String, Object> product = groupProduct(group.id(), List.of(this.scene.author, this.scene.readerTeacher));

		Product submitted = this.scene
			.submit(this.http, this.scene.reader, product,
					new NamedFile("Проект.pdf", "application/pdf", FileSafetyTests.PDF))
			.expectStatus()
			.isCreated()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(submitted.creativeGroupId()).isEqualTo(group.id());
		assertThat(submitted.creativeGroupName()).isEqualTo(group.name());
		assertThat(submitted.organisationId()).isNull();
		assertThat(submitted.authors()).extracting(Product.Author::teacherId)
			.containsExactlyInAnyOrder(this.scene.author, this.scene.readerTeacher);

		// its authors see it (the leader from school A, the member from school B)
		this.http.get()
			.uri("/api/products/{id}", submitted.id())
			.headers(this.scene.authorAccount::bearer)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void groupProductRefusesAuthorsOutsideTheGroupCallersOutsideItAndGroupsNotCreated() {
		CreativeGroup group = createdGroup();
		String title = LibraryScene.unique("Не из группы");
		Map<String, Object> withStranger = new HashMap<>(
				groupProduct(group.id(), List.of(this.scene.author, this.scene.colleague)));
		withStranger.put("title", title);
		this.scene.submit(this.http, this.scene.authorAccount, withStranger)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input");
		// a teacher who is not among the authors
		this.scene
			.submit(this.http, this.scene.colleagueAccount,
					groupProduct(group.id(), List.of(this.scene.author, this.scene.readerTeacher)))
			.expectStatus()
			.isForbidden();
		// an application not yet decided has no products
		CreativeGroup applied = apply();
		this.scene
			.submit(this.http, this.scene.authorAccount,
					groupProduct(applied.id(), List.of(this.scene.author, this.scene.readerTeacher)))
			.expectStatus()
			.isBadRequest();
		// an organisation and a group at once
		Map<String, Object> both = new HashMap<>(
				groupProduct(group.id(), List.of(this.scene.author, this.scene.readerTeacher)));
		both.put("organisationId", this.scene.schoolA);
		this.scene.submit(this.http, this.scene.authorAccount, both).expectStatus().isBadRequest();
		assertThat(this.scene.count(title)).isZero();
	}

	private CreativeGroup apply() {
		return this.http.post()
			.uri("/api/creative-groups")
			.headers(this.scene.authorAccount::bearer)
			.bodyValue(Map.of("networkId", this.scene.network, "name", LibraryScene.unique("МТГ"), "problem",
					"Функциональная грамотность", "expectedResult", "Банк заданий", "termFrom",
					LocalDate.now().toString(), "termTo", LocalDate.now().plusMonths(6).toString(), "memberIds",
					List.of(this.scene.readerTeacher)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
	}

	private CreativeGroup createdGroup() {
		CreativeGroup applied = apply();
		return this.http.post()
			.uri("/api/creative-groups/{id}/decision", applied.id())
			.headers(this.scene.coordinator::bearer)
			.bodyValue(Map.of("decision", "create"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> groupProduct(long group, List<Long> authors) {
		return Map.of("networkId", this.scene.network, "creativeGroupId", group, "title",
				LibraryScene.unique("Проект группы"), "type", "project", "authorIds", authors, "levels",
				List.of("general"), "subject", "Математика", "description", "Межшкольный проект");
	}

	private WebTestClient.ResponseSpec revise(long product, org.centrik.security.TestAccounts.Account by, String title,
			NamedFile... files) {
		Map<String, Object> revision = Map.of("title", title, "type", "methodical_materials", "levels",
				List.of("general"), "subject", "Математика", "description", "Исправлено по замечаниям эксперта");
		return this.http.post()
			.uri("/api/products/{id}/versions", product)
			.headers(by::bearer)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(LibraryScene.multipart(revision, files)))
			.exchange();
	}

	private int version(long product) {
		return this.scene.database.sql("select version from products where id = :id")
			.bind("id", product)
			.map((row) -> row.get("version", Integer.class))
			.one()
			.block();
	}

}
