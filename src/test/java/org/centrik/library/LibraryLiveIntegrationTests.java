package org.centrik.library;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library desk topic ({@code library.{userId}.stream}) where people wait: the author
 * sees the review assigned and the product decided, the expert the review assigned to
 * them, everyone the missed deadline, the leader the application decided; and an approved
 * product reaches its authors' activity cards as a contribution.
 */
@IntegrationTest
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryLiveIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	OverdueWatch overdue;

	@LocalRSocketServerPort
	int port;

	LibraryScene scene;

	final List<RSocketRequester> requesters_ = new java.util.ArrayList<>();

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
	}

	@AfterEach
	void disconnect() {
		this.requesters_.forEach(RSocketRequester::dispose);
		this.requesters_.clear();
	}

	@Test
	void authorAndExpertSeeTheReviewAssignedConcludedAndTheProductDecidedLive() {
		Product product = this.scene.submitted(this.http, "Живая экспертиза");
		var author = desk(this.scene.authorAccount);
		var expert = desk(this.scene.expert);

		StepVerifier.create(author.take(3)).assertNext((snapshot) -> {
			assertThat(snapshot.get("kind").asString()).isEqualTo("snapshot");
			assertThat(snapshot.at("/data/userId").asLong()).isEqualTo(this.scene.authorAccount.id().value());
			assertThat(ids(snapshot.at("/data/products"))).contains(product.id());
		})
			.then(() -> StepVerifier.create(expert.take(2))
				.assertNext((snapshot) -> assertThat(ids(snapshot.at("/data/products"))).doesNotContain(product.id()))
				.then(() -> this.scene.assign(this.http, product.id(), this.scene.coordinator, this.scene.expert)
					.expectStatus()
					.isOk())
				.assertNext((assigned) -> {
					assertThat(assigned.get("type").asString()).isEqualTo("review.assigned");
					assertThat(assigned.at("/data/id").asLong()).isEqualTo(product.id());
					assertThat(assigned.at("/data/reviews/0/reviewerId").asLong())
						.isEqualTo(this.scene.expert.id().value());
					assertThat(assigned.at("/data/reviews/0/overdue").asBoolean()).isFalse();
				})
				.verifyComplete())
			.assertNext((assigned) -> {
				assertThat(assigned.get("type").asString()).isEqualTo("review.assigned");
				assertThat(assigned.at("/data/state").asString()).isEqualTo("in_review");
			})
			.then(() -> this.scene
				.conclude(this.http, reviewId(product.id()), this.scene.expert, "approve_and_recommend", null)
				.expectStatus()
				.isOk())
			.assertNext((decided) -> {
				assertThat(decided.get("type").asString()).isEqualTo("product.decided");
				assertThat(decided.at("/data/state").asString()).isEqualTo("recommended");
				assertThat(decided.at("/data/reviews/0/conclusion").asString()).isEqualTo("approve_and_recommend");
			})
			.expectComplete()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void missedReviewDeadlineIsAnnouncedOnceToTheExpertAndTheCoordinator() {
		Product product = this.scene.submitted(this.http, "Просроченная экспертиза");
		this.scene.assign(this.http, product.id(), this.scene.coordinator, this.scene.secondExpert)
			.expectStatus()
			.isOk();
		StepVerifier.create(desk(this.scene.secondExpert).take(2))
			.assertNext((snapshot) -> assertThat(snapshot.get("kind").asString()).isEqualTo("snapshot"))
			.then(() -> {
				// ten days and five minutes ago; the watcher of the node may look first
				this.scene.database
					.sql("update reviews set assigned_at = now() - interval '10 days 5 minutes' where product_id = :id")
					.bind("id", product.id())
					.then()
					.block();
				this.overdue.look().block();
			})
			.assertNext((overdue) -> {
				assertThat(overdue.get("type").asString()).isEqualTo("review.overdue");
				assertThat(overdue.at("/data/id").asLong()).isEqualTo(product.id());
				assertThat(overdue.at("/data/reviews/0/overdue").asBoolean()).isTrue();
			})
			.expectComplete()
			.verify(Duration.ofSeconds(20));
		// once: the second look finds nothing new for this product
		this.overdue.look().block();
		assertThat(this.scene.database
			.sql("select count(*) as n from change_log where type = 'review.overdue' and payload ->> 'id' = :id")
			.bind("id", Long.toString(product.id()))
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(peopleOf(product.id()));
	}

	@Test
	void leaderSeesTheApplicationDecidedLive() {
		CreativeGroup applied = this.http.post()
			.uri("/api/creative-groups")
			.headers(this.scene.colleagueAccount::bearer)
			.bodyValue(Map.of("networkId", this.scene.network, "name", LibraryScene.unique("МТГ"), "problem",
					"Читательская грамотность", "expectedResult", "Методичка", "termFrom", "2026-09-01", "termTo",
					"2027-05-31", "memberIds", List.of(this.scene.readerTeacher)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(CreativeGroup.class)
			.returnResult()
			.getResponseBody();
		StepVerifier.create(desk(this.scene.colleagueAccount).take(2))
			.assertNext((snapshot) -> assertThat(ids(snapshot.at("/data/groups"))).contains(applied.id()))
			.then(() -> this.http.post()
				.uri("/api/creative-groups/{id}/decision", applied.id())
				.headers(this.scene.coordinator::bearer)
				.bodyValue(Map.of("decision", "reject", "reason", "Тема уже разрабатывается"))
				.exchange()
				.expectStatus()
				.isOk())
			.assertNext((decided) -> {
				assertThat(decided.get("type").asString()).isEqualTo("group.decided");
				assertThat(decided.at("/data/state").asString()).isEqualTo("rejected");
				assertThat(decided.at("/data/decisionReason").asString()).isEqualTo("Тема уже разрабатывается");
			})
			.expectComplete()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void someoneElsesDeskIsForbiddenAndABadSinceIsBadInput() {
		StepVerifier.create(desk(this.scene.coordinator, this.scene.authorAccount.id().value()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ApplicationErrorException.class)
				.hasMessageContaining("\"code\":\"forbidden\""))
			.verify(Duration.ofSeconds(10));
		// another id, existing or not, is refused alike: a desk does not tell who exists
		StepVerifier.create(desk(this.scene.coordinator, Long.MAX_VALUE))
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("\"code\":\"forbidden\""))
			.verify(Duration.ofSeconds(10));
		StepVerifier
			.create(connect(this.scene.coordinator).route("library.{id}.stream", this.scene.coordinator.id().value())
				.data(Map.of("since", -1))
				.retrieveFlux(JsonNode.class))
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("\"code\":\"bad_input\""))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void approvedProductAppearsOnItsAuthorsActivityCardsLive() {
		Product product = this.scene.submitted(this.http, "Вклад в кабинет");
		Product inReview = this.scene.assign(this.http, product.id(), this.scene.coordinator, this.scene.expert)
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		RSocketRequester requester = connect(this.scene.colleagueAccount);
		StepVerifier
			.create(requester.route("cards.{id}.stream", this.scene.colleague)
				.data(Map.of())
				.retrieveFlux(JsonNode.class)
				.filter((message) -> !"progress.changed".equals(message.path("type").asString("")))
				.take(2))
			.assertNext((snapshot) -> assertThat(ids(snapshot.at("/data/contributions"), "productId"))
				.doesNotContain(product.id()))
			.then(() -> this.scene
				.conclude(this.http, inReview.reviews().get(0).id(), this.scene.expert, "approve", null)
				.expectStatus()
				.isOk())
			.assertNext((added) -> {
				assertThat(added.get("type").asString()).isEqualTo("contribution.added");
				assertThat(added.at("/data/productId").asLong()).isEqualTo(product.id());
				assertThat(added.at("/data/teacherId").asLong()).isEqualTo(this.scene.colleague);
				assertThat(added.at("/data/recommended").asBoolean()).isFalse();
			})
			.expectComplete()
			.verify(Duration.ofSeconds(20));
		this.http.get()
			.uri("/api/teachers/{id}/card", this.scene.author)
			.headers(this.scene.authorAccount::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.contributions[?(@.productId == " + product.id() + ")].title")
			.isEqualTo(product.title());
	}

	private reactor.core.publisher.Flux<JsonNode> desk(TestAccounts.Account account) {
		return desk(account, account.id().value());
	}

	private reactor.core.publisher.Flux<JsonNode> desk(TestAccounts.Account account, long user) {
		return connect(account).route("library.{id}.stream", user).data(Map.of()).retrieveFlux(JsonNode.class);
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
		this.requesters_.add(requester);
		return requester;
	}

	private long reviewId(long product) {
		return this.scene.database.sql("select id from reviews where product_id = :id and conclusion is null")
			.bind("id", product)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private long peopleOf(long product) {
		// the authors (no accounts but Author's and Colleague's), the submitter (Author),
		// the expert, the coordinator, the admin of school A
		return this.scene.database
			.sql("""
					select count(*) as n from (
					  select u.id from users u join product_authors a on a.teacher_id = u.teacher_id where a.product_id = :id
					  union select submitted_by from products where id = :id
					  union select reviewer_id from reviews where product_id = :id
					  union select ur.user_id from user_roles ur join products p on p.id = :id
					  where (ur.role = 'coordinator' and (ur.network_id is null or ur.network_id = p.network_id))
					     or (ur.role = 'organisation_admin' and ur.organisation_id = p.organisation_id)) people
					""")
			.bind("id", product)
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
	}

	private static List<Long> ids(JsonNode array) {
		return ids(array, "id");
	}

	private static List<Long> ids(JsonNode array, String field) {
		List<Long> ids = new java.util.ArrayList<>();
		array.forEach((node) -> ids.add(node.get(field).asLong()));
		return ids;
	}

}
