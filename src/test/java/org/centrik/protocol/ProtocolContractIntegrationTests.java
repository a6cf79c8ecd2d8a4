package org.centrik.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.shared.TeacherId;
import org.centrik.shared.SchoolYear;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.security.TestAccounts;
import org.springframework.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.http.MediaType;
import org.springframework.messaging.handler.DestinationPatternsMessageCondition;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The server keeps the contract in frontend-protocol/: it serves exactly the routes the
 * AsyncAPI document declares, and every message and error it sends validates against the
 * JSON Schemas there.
 */
@IntegrationTest
class ProtocolContractIntegrationTests {

	private static final Path PROTOCOL = Path.of("frontend-protocol");

	private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					PROTOCOL.resolve("schemas").toAbsolutePath().toUri().toString())));

	private static final SchemaValidatorsConfig strict = SchemaValidatorsConfig.builder()
		.formatAssertionsEnabled(true)
		.build();

	@LocalRSocketServerPort
	int port;

	@Autowired
	RSocketMessageHandler handler;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	JsonMapper json;

	RSocketRequester requester;

	@AfterEach
	void disconnect() {
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

	@Test
	void everyRouteServedIsDeclaredAndEveryDeclaredRouteIsServed() throws IOException {
		Set<String> served = this.handler.getHandlerMethods()
			.keySet()
			.stream()
			.flatMap((condition) -> condition.getCondition(DestinationPatternsMessageCondition.class)
				.getPatterns()
				.stream())
			.collect(Collectors.toSet());

		assertThat(served).containsExactlyInAnyOrderElementsOf(declaredRoutes());
	}

	@Test
	void everyMessageOfEveryRouteValidatesAgainstItsSchema() {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Контрактная школа");
		long network = fixtures.network(school);
		long event = fixtures.liveEvent(network, school);
		long teacher = fixtures.teacher(school, "Контрактова");
		int year = SchoolYear.of(LocalDate.now()).startYear();
		connect();

		Map<String, Flux<String>> streams = Map.of("attendance." + event + ".stream",
				stream("attendance.{id}.stream", event), "cards." + teacher + ".stream",
				stream("cards.{id}.stream", teacher), "matrix." + network + ".stream",
				stream("matrix.{id}.{year}.stream", network, year), "events.upcoming." + network + ".stream",
				stream("events.upcoming.{id}.stream", network), "events.mine.stream", stream("events.mine.stream"));
		Map<String, List<String>> received = Flux.fromIterable(streams.entrySet())
			.flatMap((entry) -> entry.getValue().collectList().map((messages) -> Map.entry(entry.getKey(), messages)))
			.mergeWith(Flux.defer(() -> this.attendance
				.record(new EventId(event), new TeacherId(teacher), Participation.Role.PRESENTER,
						Participation.Method.HOST_MARKED, UUID.randomUUID(), Instant.now(), "contract-test")
				.delaySubscription(Duration.ofMillis(500))
				.then(reactor.core.publisher.Mono.empty())))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block(Duration.ofSeconds(30));

		JsonSchema liveMessage = schema("live-message.json");
		assertThat(liveMessage.validate("{\"kind\":\"change\",\"topic\":\"attendance.1\"}", InputFormat.JSON))
			.as("the schema rejects a change without sequence, type, time or data")
			.isNotEmpty();
		received.forEach((route, messages) -> {
			assertThat(messages).as(route).isNotEmpty();
			messages.forEach((message) -> assertValid(liveMessage, message, route));
		});
		assertThat(received.get("attendance." + event + ".stream")).hasSize(2);
		// snapshot, participation.recorded, and progress.changed when recognition answers
		// within the three seconds
		assertThat(received.get("cards." + teacher + ".stream")).hasSizeBetween(2, 3);
	}

	@Test
	void everyReplyOfTheRegistryTheBankAndTheRequestsValidatesAgainstItsSchema() {
		Fixtures fixtures = new Fixtures(this.database);
		long executor = fixtures.organisation("Схемный лицей");
		long applicant = fixtures.organisation("Схемная школа");
		long network = fixtures.network(executor);
		fixtures.member(network, executor);
		fixtures.member(network, applicant);
		connect();
		String practice = reply("practices.create",
				Map.of("networkId", network, "organisationId", executor, "title", "Проектная деятельность", "direction",
						"Проекты", "levels", List.of("general"), "formats", List.of("master_class"), "materialsUrl",
						"https://lyceum.example/projects"),
				"practice.json");
		long practiceId = this.json.readTree(practice).get("id").asLong();
		String request = reply("requests.submit", Map.of("clientId", UUID.randomUUID(), "practiceId", practiceId,
				"applicantId", applicant, "teachersCount", 4), "request.json");
		long requestId = this.json.readTree(request).get("id").asLong();

		reply("practices.search", Map.of("query", "проектной деятельности", "network", network), "practices.json");
		reply("practices." + practiceId, Map.of(), "practice.json");
		reply("practices." + practiceId + ".update",
				Map.of("title", "Проекты", "direction", "Проекты", "levels", List.of("primary")), "practice.json");
		reply("requests." + requestId, Map.of(), "request.json");
		reply("requests." + requestId + ".history", Map.of(), "request-history.json");
		reply("networks", Map.of(), "networks.json");
		reply("networks." + network + ".agreements", Map.of(), "agreements.json");
		reply("networks." + network + ".agreements.add", Map.of("organisationId", applicant, "number",
				"С-" + UUID.randomUUID(), "signedOn", "2025-08-28", "validFrom", "2025-09-01"), "agreement.json");
		reply("organisations", Map.of(), "organisations.json");
		reply("organisations." + applicant, Map.of(), "organisation.json");
		reply("organisations.create", Map.of("name", "Схемный детский сад", "kind", "kindergarten", "municipality",
				"Схемный район", "labels", List.of("rop")), "organisation.json");
		reply("organisations." + applicant + ".update", Map.of("name", "Схемная школа № 2", "kind", "school",
				"municipality", "Тестовый район", "labels", List.of("kip")), "organisation.json");
	}

	private String reply(String route, Object data, String schema) {
		String json = this.requester.route(route).data(data).retrieveMono(String.class).block(Duration.ofSeconds(10));
		assertValid(schema(schema), json, route);
		return json;
	}

	@Test
	void errorFramesValidateAgainstTheErrorSchema() {
		connect();
		JsonSchema error = schema("error.json");
		for (var request : List.of(this.requester.route("attendance.{id}.stream", Long.MAX_VALUE).data(Map.of()),
				this.requester.route("attendance.1.stream").data(Map.of("since", 1.5)),
				this.requester.route("nothing.here").data(Map.of()))) {
			try {
				request.retrieveFlux(String.class).blockLast(Duration.ofSeconds(10));
				fail("expected an error frame");
			}
			catch (ApplicationErrorException ex) {
				assertValid(error, ex.getMessage(), "error");
			}
		}
	}

	private Flux<String> stream(String route, Object... ids) {
		return this.requester.route(route, ids).data(Map.of()).retrieveFlux(String.class).take(Duration.ofSeconds(3));
	}

	private void connect() {
		this.requester = new TestAccounts(this.context).coordinatorOfAll()
			.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
	}

	private static JsonSchema schema(String file) {
		return schemas.getSchema(SchemaLocation.of("https://centrik.org/protocol/schemas/" + file), strict);
	}

	private static void assertValid(JsonSchema schema, String json, String what) {
		Set<ValidationMessage> errors = schema.validate(json, InputFormat.JSON);
		assertThat(errors).as("%s: %s", what, json).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static Set<String> declaredRoutes() throws IOException {
		Map<String, Object> document = new Yaml().load(Files.readString(PROTOCOL.resolve("asyncapi.yaml")));
		Map<String, Map<String, Object>> channels = (Map<String, Map<String, Object>>) document.get("channels");
		return channels.values().stream().map((channel) -> (String) channel.get("address")).collect(Collectors.toSet());
	}

}
