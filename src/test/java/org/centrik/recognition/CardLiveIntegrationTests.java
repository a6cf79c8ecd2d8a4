package org.centrik.recognition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.live.LiveChanges;
import org.centrik.live.LiveMessage;
import org.centrik.live.Topic;
import org.centrik.shared.TeacherId;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@AutoConfigureWebTestClient
class CardLiveIntegrationTests {

	private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					Path.of("frontend-protocol", "schemas").toAbsolutePath().toUri().toString())));

	@Autowired
	DatabaseClient database;

	@Autowired
	LiveChanges live;

	@Autowired
	Attendance attendance;

	@Autowired
	JsonMapper json;

	@Test
	void theThirdCentrikReachesAnOpenCardAsProgressWithinSeconds() {
		RecognitionFixtures net = new RecognitionFixtures(this.database);
		long teacher = net.teacher(net.applicant, "Живая");
		long earlier = net.event(RecognitionFixtures.lastYear().lastDay().minusDays(30), false);
		net.listener(earlier, teacher);
		net.listener(net.event(RecognitionFixtures.lastYear().lastDay().minusDays(20), false), teacher);
		long now = net.fixtures.liveEvent(net.network, net.executor);
		JsonSchema message = schemas.getSchema(
				SchemaLocation.of("https://centrik.org/protocol/schemas/card-message.json"),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());

		this.live.subscribe(Topic.card(teacher), null)
			.doOnNext((m) -> assertThat(message.validate(this.json.writeValueAsString(m), InputFormat.JSON))
				.as(m.toString())
				.isEmpty())
			.as(StepVerifier::create)
			.assertNext((snapshot) -> assertThat(progress(snapshot)).contains("\"missing\":1")
				.contains("\"oneShort\":true"))
			.then(() -> this.attendance
				.record(new EventId(now), new TeacherId(teacher), Participation.Role.PRESENTER,
						Participation.Method.HOST_MARKED, UUID.randomUUID(), Instant.now(), "test")
				.then(Mono.empty())
				.subscribe())
			.assertNext((change) -> assertThat(change.type()).isEqualTo("participation.recorded"))
			.assertNext((change) -> {
				assertThat(change.type()).isEqualTo("progress.changed");
				assertThat(progress(change)).contains("\"missing\":0")
					.contains("\"earns\":\"network_teacher\"")
					.contains("\"warnings\":[]");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	private String progress(LiveMessage message) {
		return this.json.writeValueAsString(message.data());
	}

}
