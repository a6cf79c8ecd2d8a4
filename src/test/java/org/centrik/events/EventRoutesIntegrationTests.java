package org.centrik.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands of events over RSocket (request-response): replies and error frames are
 * what frontend-protocol declares, refusals write nothing.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRoutesIntegrationTests {

	private static final Path SCHEMAS = Path.of("frontend-protocol", "schemas");

	private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					SCHEMAS.toAbsolutePath().toUri().toString())));

	@LocalRSocketServerPort
	int port;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	EventScene scene;

	RSocketRequester admin;

	RSocketRequester teacherB;

	@BeforeAll
	void connect() {
		this.scene = new EventScene(this.context, this.database);
		this.admin = connect(this.scene.adminA);
		this.teacherB = connect(this.scene.accountB);
	}

	@AfterAll
	void disconnect() {
		this.admin.dispose();
		this.teacherB.dispose();
	}

	@Test
	void anEventIsCreatedPublishedRegisteredForAndCancelledOverRSocket() {
		Map<String, Object> details = this.scene.details();
		details.put("capacity", 1);
		String created = request(this.admin, "events.create", details).block(Duration.ofSeconds(10));
		assertValid("event.json", created);
		long event = this.json.readTree(created).get("id").asLong();
		assertThat(this.json.readTree(request(this.admin, "events.create", details).block()).get("id").asLong())
			.as("a retried create")
			.isEqualTo(event);

		assertValid("event-details.json", this.json.writeValueAsString(details));
		String published = request(this.admin, "events." + event + ".publish", Map.of()).block();
		assertThat(this.json.readTree(published).get("state").asString()).isEqualTo("published");
		String registered = request(this.teacherB, "events." + event + ".register", Map.of()).block();
		assertValid("registration.json", registered);
		assertThat(this.json.readTree(registered).get("status").asString()).isEqualTo("registered");
		String hosts = request(this.admin, "events." + event + ".hosts",
				Map.of("userIds", java.util.List.of(this.scene.accountA.id().value())))
			.block();
		assertValid("host-people.json", hosts);
		String cancelled = request(this.admin, "events." + event + ".cancel", Map.of("reason", "Карантин")).block();
		assertValid("event.json", cancelled);
		assertThat(this.json.readTree(cancelled).get("cancelReason").asString()).isEqualTo("Карантин");
		assertError(request(this.teacherB, "events." + event + ".unregister", Map.of()), "illegal_transition");
	}

	@Test
	void refusalsAreErrorFramesOfTheDeclaredCodesAndWriteNothing() {
		String created = request(this.admin, "events.create", this.scene.details()).block();
		long event = this.json.readTree(created).get("id").asLong();
		long before = this.scene.writes();
		assertError(request(this.admin, "events." + event + ".finish", Map.of()), "illegal_transition");
		assertError(request(this.teacherB, "events." + event + ".publish", Map.of()), "forbidden");
		assertError(request(this.teacherB, "events.create", this.scene.details()), "forbidden");
		assertError(request(this.admin, "events." + event + ".cancel", Map.of("reason", "")), "bad_input");
		assertError(request(this.admin, "events.999999999.publish", Map.of()), "not_found");
		assertThat(this.scene.writes()).isEqualTo(before);
	}

	private void assertError(Mono<String> reply, String code) {
		Throwable error = reply.map((ok) -> (Throwable) null).onErrorResume(Mono::just).block(Duration.ofSeconds(10));
		assertThat(error).isInstanceOf(ApplicationErrorException.class);
		assertValid("error.json", error.getMessage());
		assertThat(this.json.readTree(error.getMessage()).get("code").asString()).isEqualTo(code);
	}

	private Mono<String> request(RSocketRequester requester, String route, Object data) {
		return requester.route(route).data(data).retrieveMono(String.class);
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		return account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON)).tcp("localhost", this.port);
	}

	private static void assertValid(String schema, String json) {
		JsonSchema validator = schemas.getSchema(SchemaLocation.of("https://centrik.org/protocol/schemas/" + schema),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		Set<ValidationMessage> errors = validator.validate(json, InputFormat.JSON);
		assertThat(errors).as("%s: %s", schema, json).isEmpty();
	}

}
