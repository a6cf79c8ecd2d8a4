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
import reactor.core.publisher.Mono;
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
 * The library's RSocket routes as a client uses them: submitting (metadata only),
 * reading, assigning experts, concluding, searching the cabinet, applying for and
 * deciding on a creative group; each refusal an error frame with the HTTP endpoint's
 * code.
 */
@IntegrationTest
@AutoConfigureWebTestClient(timeout = "60s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryRoutesIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Autowired
	RSocketRequester.Builder requesters;

	@LocalRSocketServerPort
	int port;

	LibraryScene scene;

	final List<RSocketRequester> connections = new java.util.ArrayList<>();

	@BeforeAll
	void scene() {
		this.scene = new LibraryScene(this.context);
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach(RSocketRequester::dispose);
		this.connections.clear();
	}

	@Test
	void productGoesFromSubmissionThroughReviewIntoTheCabinetOverRSocket() {
		Map<String, Object> submission = new java.util.HashMap<>(this.scene.product(LibraryScene.unique("x")));
		submission.put("title", "Проектная деятельность на уроках истории " + LibraryScene.unique(""));
		JsonNode submitted = call(this.scene.authorAccount, "products.submit", submission).block();
		long id = submitted.get("id").asLong();
		assertThat(submitted.get("state").asString()).isEqualTo("submitted");
		assertThat(submitted.get("files")).isEmpty();

		JsonNode read = call(this.scene.adminA, "products." + id, Map.of()).block();
		assertThat(read.get("title").asString()).isEqualTo(submission.get("title"));

		JsonNode inReview = call(this.scene.coordinator, "products." + id + ".reviewers",
				Map.of("expertIds", List.of(this.scene.expert.id().value())))
			.block();
		assertThat(inReview.get("state").asString()).isEqualTo("in_review");
		long review = inReview.at("/reviews/0/id").asLong();
		assertThat(Duration.between(java.time.Instant.parse(inReview.at("/reviews/0/assignedAt").asString()),
				java.time.Instant.parse(inReview.at("/reviews/0/dueAt").asString())))
			.isEqualTo(Duration.ofDays(10));

		JsonNode decided = call(this.scene.expert, "reviews." + review + ".conclusion", Map.of("conclusion", "approve",
				"assessment", Map.of("relevance", 5, "novelty", 5, "practicalValue", 4, "quality", 5)))
			.block();
		assertThat(decided.get("state").asString()).isEqualTo("approved");

		// another word form finds it, a member of another school sees it
		JsonNode found = call(this.scene.reader, "library.search",
				Map.of("q", "проектной деятельностью", "network", this.scene.network))
			.block();
		assertThat(found.isArray()).isTrue();
		List<Long> ids = new java.util.ArrayList<>();
		found.forEach((product) -> ids.add(product.get("id").asLong()));
		assertThat(ids).contains(id);
		JsonNode none = call(this.scene.reader, "library.search",
				Map.of("type", "lesson_video", "q", "проектной деятельностью", "network", this.scene.network))
			.block();
		none.forEach((product) -> assertThat(product.get("id").asLong()).isNotEqualTo(id));
	}

	@Test
	void submissionRefusalsAreErrorFramesWithTheirCodes() {
		expectError(call(this.scene.authorAccount, "products.submit", Map.of("title", "Без сети")), "bad_input");
		expectError(call(this.scene.reader, "products.submit", this.scene.product(LibraryScene.unique("Чужой"))),
				"forbidden");
		Map<String, Object> outside = new java.util.HashMap<>(this.scene.product(LibraryScene.unique("Вне сети")));
		outside.put("organisationId", this.scene.outside);
		outside.put("authorIds", List.of(this.scene.outsiderTeacher));
		expectError(call(this.scene.outsider, "products.submit", outside), "not_member");
		expectError(call(this.scene.authorAccount, "products.submit", "not json"), "bad_input");
	}

	@Test
	void reviewRefusalsAreErrorFramesWithTheirCodes() {
		Product product = this.scene.submitted(this.http, "Отказы RSocket");
		expectError(call(this.scene.reader, "products." + product.id(), Map.of()), "forbidden");
		expectError(call(this.scene.reader, "products." + Long.MAX_VALUE, Map.of()), "not_found");
		expectError(call(this.scene.adminA, "products." + product.id() + ".reviewers",
				Map.of("expertIds", List.of(this.scene.expert.id().value()))), "forbidden");
		expectError(call(this.scene.coordinator, "products." + product.id() + ".reviewers",
				Map.of("expertIds", List.of(this.scene.foreignExpert.id().value()))), "not_an_expert");
		JsonNode inReview = call(this.scene.coordinator, "products." + product.id() + ".reviewers",
				Map.of("expertIds", List.of(this.scene.expert.id().value())))
			.block();
		long review = inReview.at("/reviews/0/id").asLong();
		Map<String, Object> reject = Map.of("conclusion", "reject", "comments", "Не соответствует теме", "assessment",
				Map.of("relevance", 1, "novelty", 1, "practicalValue", 1, "quality", 2));
		expectError(call(this.scene.coordinator, "reviews." + review + ".conclusion", reject), "forbidden");
		expectError(call(this.scene.expert, "reviews." + review + ".conclusion",
				Map.of("conclusion", "reject", "assessment", reject.get("assessment"))), "bad_input");
		assertThat(call(this.scene.expert, "reviews." + review + ".conclusion", reject).block().get("state").asString())
			.isEqualTo("rejected");
		expectError(call(this.scene.expert, "reviews." + review + ".conclusion", reject), "already_concluded");
		expectError(call(this.scene.authorAccount, "products." + product.id() + ".revise",
				Map.of("title", "Снова", "type", "project")), "illegal_transition");
	}

	@Test
	void revisedVersionOverRSocketKeepsTheFiles() {
		Product returned = this.scene.returnedForRevision(this.http, "Доработка RSocket");
		JsonNode revised = call(this.scene.colleagueAccount, "products." + returned.id() + ".revise",
				Map.of("title", "Доработано", "type", "methodical_materials", "levels", List.of("general")))
			.block();
		assertThat(revised.get("version").asInt()).isEqualTo(2);
		assertThat(revised.get("state").asString()).isEqualTo("in_review");
		assertThat(revised.get("files")).hasSize(1);
		assertThat(revised.at("/versions/0/version").asInt()).isEqualTo(1);
	}

	@Test
	void creativeGroupApplicationAndDecisionOverRSocket() {
		Map<String, Object> application = Map.of("networkId", this.scene.network, "name", LibraryScene.unique("МТГ"),
				"problem", "Естественно-научная грамотность", "expectedResult", "Сборник практик", "termFrom",
				"2026-09-01", "termTo", "2027-05-31", "memberIds", List.of(this.scene.readerTeacher));
		expectError(call(this.scene.authorAccount, "creative-groups.apply",
				Map.of("networkId", this.scene.network, "name", "Одна школа", "problem", "п", "expectedResult", "р",
						"termFrom", "2026-09-01", "termTo", "2027-05-31", "memberIds", List.of(this.scene.colleague))),
				"one_school");
		expectError(call(this.scene.adminA, "creative-groups.apply", application), "forbidden");
		JsonNode applied = call(this.scene.authorAccount, "creative-groups.apply", application).block();
		long id = applied.get("id").asLong();
		assertThat(applied.get("state").asString()).isEqualTo("applied");
		assertThat(Duration.between(java.time.Instant.parse(applied.get("appliedAt").asString()),
				java.time.Instant.parse(applied.get("decisionDueAt").asString())))
			.isEqualTo(Duration.ofDays(7));

		expectError(call(this.scene.authorAccount, "creative-groups." + id + ".decision", Map.of("decision", "create")),
				"forbidden");
		expectError(call(this.scene.coordinator, "creative-groups." + id + ".decision", Map.of("decision", "reject")),
				"bad_input");
		assertThat(call(this.scene.coordinator, "creative-groups." + id + ".decision", Map.of("decision", "create"))
			.block()
			.get("state")
			.asString()).isEqualTo("created");
		expectError(call(this.scene.coordinator, "creative-groups." + id + ".decision", Map.of("decision", "create")),
				"already_decided");
	}

	@Test
	void answersStreamMessagesAndErrorsValidateAgainstTheProtocolSchemas() {
		JsonNode submitted = call(this.scene.authorAccount, "products.submit",
				this.scene.product(LibraryScene.unique("Схема")))
			.block();
		long id = submitted.get("id").asLong();
		assertValid("product.json", submitted);
		RSocketRequester author = this.scene.authorAccount
			.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
		this.connections.add(author);
		List<JsonNode> desk = new java.util.ArrayList<>();
		StepVerifier
			.create(author.route("library.{id}.stream", this.scene.authorAccount.id().value())
				.data(Map.of())
				.retrieveFlux(JsonNode.class)
				.take(2))
			.consumeNextWith(desk::add)
			.then(() -> assertValid("product.json",
					call(this.scene.coordinator, "products." + id + ".reviewers",
							Map.of("expertIds", List.of(this.scene.expert.id().value())))
						.block()))
			.consumeNextWith(desk::add)
			.verifyComplete();
		desk.forEach((message) -> assertValid("live-message.json", message));
		assertValid("product-list.json", call(this.scene.reader, "library.search", Map.of("q", "математика")).block());
		JsonNode group = call(this.scene.authorAccount, "creative-groups.apply",
				Map.of("networkId", this.scene.network, "name", LibraryScene.unique("МТГ"), "problem", "Проблема",
						"expectedResult", "Результат", "termFrom", "2026-09-01", "termTo", "2027-05-31", "memberIds",
						List.of(this.scene.readerTeacher)))
			.block();
		assertValid("creative-group.json", group);
		StepVerifier.create(call(this.scene.expert, "products." + id + ".reviewers", Map.of("expertIds", List.of())))
			.expectErrorSatisfies((error) -> assertValid("error.json", json.readTree(error.getMessage())))
			.verify(Duration.ofSeconds(10));
	}

	private static final tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder()
		.build();

	private static final java.nio.file.Path PROTOCOL = java.nio.file.Path.of("frontend-protocol");

	private static final com.networknt.schema.JsonSchemaFactory schemas = com.networknt.schema.JsonSchemaFactory
		.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012,
				(builder) -> builder
					.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
							PROTOCOL.resolve("schemas").toAbsolutePath().toUri().toString())));

	private static void assertValid(String schema, JsonNode message) {
		var validator = schemas.getSchema(
				com.networknt.schema.SchemaLocation.of("https://centrik.org/protocol/schemas/" + schema),
				com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		assertThat(validator.validate(message.toString(), com.networknt.schema.InputFormat.JSON))
			.as("%s: %s", schema, message)
			.isEmpty();
	}

	private Mono<JsonNode> call(TestAccounts.Account account, String route, Object data) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
		this.connections.add(requester);
		return requester.route(route).data(data).retrieveMono(JsonNode.class);
	}

	private static void expectError(Mono<JsonNode> call, String code) {
		StepVerifier.create(call)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ApplicationErrorException.class)
				.hasMessageContaining("\"code\":\"" + code + "\""))
			.verify(Duration.ofSeconds(10));
	}

}
