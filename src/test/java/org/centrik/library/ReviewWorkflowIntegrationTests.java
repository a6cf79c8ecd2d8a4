package org.centrik.library;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.centrik.library.LibraryScene.NamedFile;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expert review (rule 7): the coordinator assigns experts of the network, each due in ten
 * calendar days; only the assigned expert concludes; when every expert of the round has,
 * a positive round puts the product in the cabinet with its authors credited.
 */
@IntegrationTest
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewWorkflowIntegrationTests {

	static final Map<String, Integer> GOOD = Map.of("relevance", 5, "novelty", 4, "practicalValue", 5, "quality", 4);

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
	void assignedExpertsConcludeAndAPositiveRoundPutsTheProductInTheCabinet() {
		Product submitted = submit("Геометрия в задачах");
		Product inReview = assign(submitted.id(), this.scene.coordinator, this.scene.expert, this.scene.secondExpert)
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(inReview.state()).isEqualTo("in_review");
		assertThat(inReview.reviews()).hasSize(2).allSatisfy((review) -> {
			assertThat(Duration.between(review.assignedAt(), review.dueAt())).isEqualTo(Duration.ofDays(10));
			assertThat(review.overdue()).isFalse();
			assertThat(review.conclusion()).isNull();
		});
		Review first = reviewOf(inReview, this.scene.expert);
		Review second = reviewOf(inReview, this.scene.secondExpert);

		// not in the cabinet yet: a member who is not one of its people does not see it
		this.http.get()
			.uri("/api/products/{id}", submitted.id())
			.headers(this.scene.reader::bearer)
			.exchange()
			.expectStatus()
			.isForbidden();

		Product half = conclude(first.id(), this.scene.expert, "approve_and_recommend", null).expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(half.state()).isEqualTo("in_review");
		Product decided = conclude(second.id(), this.scene.secondExpert, "approve", "Хорошо структурировано")
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(decided.state()).isEqualTo("approved");
		assertThat(decided.recommended()).isFalse();
		assertThat(reviewOf(decided, this.scene.expert).assessment()).containsEntry("relevance", 5);

		// in the cabinet: every member sees it, authors credited, reviews only to its
		// people
		Product seen = this.http.get()
			.uri("/api/products/{id}", submitted.id())
			.headers(this.scene.reader::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(seen.authors()).extracting(Product.Author::teacherId)
			.containsExactlyInAnyOrder(this.scene.author, this.scene.colleague);
		assertThat(seen.reviews()).isEmpty();
		List<Product> cabinet = this.http.get()
			.uri("/api/library?network={network}", this.scene.network)
			.headers(this.scene.reader::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(cabinet).extracting(Product::id).contains(submitted.id());
	}

	@Test
	void everyExpertRecommendingMarksTheProductRecommended() {
		Product submitted = submit("Лучшие практики");
		Product inReview = assign(submitted.id(), this.scene.coordinator, this.scene.expert).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		Product decided = conclude(inReview.reviews().get(0).id(), this.scene.expert, "approve_and_recommend", null)
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(decided.state()).isEqualTo("recommended");
		assertThat(decided.recommended()).isTrue();
	}

	@Test
	void returnedForRevisionNeedsCommentsAndANewRoundDecidesAgain() {
		Product submitted = submit("Черновик");
		Product inReview = assign(submitted.id(), this.scene.coordinator, this.scene.expert).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		long review = inReview.reviews().get(0).id();
		conclude(review, this.scene.expert, "return_for_revision", " ").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input");
		Product revision = conclude(review, this.scene.expert, "return_for_revision", "Добавьте критерии оценивания")
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(revision.state()).isEqualTo("revision");
		conclude(review, this.scene.expert, "approve", null).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("already_concluded");

		Product again = assign(submitted.id(), this.scene.coordinator, this.scene.expert).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(again.state()).isEqualTo("in_review");
		Review open = again.reviews().stream().filter((r) -> r.conclusion() == null).findFirst().orElseThrow();
		Product approved = conclude(open.id(), this.scene.expert, "approve", null).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(approved.state()).isEqualTo("approved");
	}

	@Test
	void reviewPastTenDaysIsFlaggedOverdue() {
		Product submitted = submit("Просрочено");
		Product inReview = assign(submitted.id(), this.scene.coordinator, this.scene.expert).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		long review = inReview.reviews().get(0).id();
		this.scene.database.sql("update reviews set assigned_at = now() - interval '10 days 1 minute' where id = :id")
			.bind("id", review)
			.then()
			.block();
		Product overdue = this.http.get()
			.uri("/api/products/{id}", submitted.id())
			.headers(this.scene.coordinator::bearer)
			.exchange()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(overdue.reviews().get(0).overdue()).isTrue();
		assertThat(overdue.reviews().get(0).dueAt()).isBefore(java.time.Instant.now());
	}

	@Test
	void onlyTheCoordinatorAssignsAndOnlyExpertsOfTheNetwork() {
		Product submitted = submit("Назначение");
		for (TestAccounts.Account notCoordinator : List.of(this.scene.adminA, this.scene.expert,
				this.scene.authorAccount)) {
			assign(submitted.id(), notCoordinator, this.scene.expert).expectStatus().isForbidden();
		}
		assign(submitted.id(), this.scene.coordinator, this.scene.foreignExpert).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_an_expert");
		assign(submitted.id(), this.scene.coordinator, this.scene.adminA).expectStatus().isBadRequest();
		assertThat(reviewCount(submitted.id())).isZero();
		assertThat(state(submitted.id())).isEqualTo("submitted");
	}

	@Test
	void onlyTheAssignedExpertConcludesAndADeniedConclusionWritesNothing() {
		Product submitted = submit("Чужая экспертиза");
		Product inReview = assign(submitted.id(), this.scene.coordinator, this.scene.expert).expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		long review = inReview.reviews().get(0).id();
		for (TestAccounts.Account other : List.of(this.scene.secondExpert, this.scene.coordinator,
				this.scene.authorAccount, this.scene.foreignExpert)) {
			conclude(review, other, "approve", null).expectStatus().isForbidden();
		}
		assertThat(this.scene.database.sql("select count(*) as n from reviews where id = :id and conclusion is null")
			.bind("id", review)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isOne();
		assertThat(state(submitted.id())).isEqualTo("in_review");
	}

	private Product submit(String title) {
		return this.scene
			.submit(this.http, this.scene.authorAccount, this.scene.product(LibraryScene.unique(title)),
					new NamedFile("Материалы.pdf", "application/pdf", FileSafetyTests.PDF))
			.expectStatus()
			.isCreated()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec assign(long product, TestAccounts.Account by, TestAccounts.Account... experts) {
		return this.http.put()
			.uri("/api/products/{id}/reviewers", product)
			.headers(by::bearer)
			.bodyValue(Map.of("expertIds", java.util.Arrays.stream(experts).map((e) -> e.id().value()).toList()))
			.exchange();
	}

	private WebTestClient.ResponseSpec conclude(long review, TestAccounts.Account by, String conclusion,
			String comments) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("conclusion", conclusion);
		body.put("comments", comments);
		body.put("assessment", GOOD);
		return this.http.post()
			.uri("/api/reviews/{id}/conclusion", review)
			.headers(by::bearer)
			.bodyValue(body)
			.exchange();
	}

	private Review reviewOf(Product product, TestAccounts.Account expert) {
		return product.reviews()
			.stream()
			.filter((review) -> review.reviewerId() == expert.id().value())
			.findFirst()
			.orElseThrow();
	}

	private long reviewCount(long product) {
		return this.scene.database.sql("select count(*) as n from reviews where product_id = :id")
			.bind("id", product)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private String state(long product) {
		return this.scene.database.sql("select state from products where id = :id")
			.bind("id", product)
			.map((row) -> row.get("state", String.class))
			.one()
			.block();
	}

}
