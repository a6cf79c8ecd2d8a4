package org.centrik.recognition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
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

	@Test
	void progressOfSeveralCardsAtOnceIsWhatTheirSnapshotsSay() {
		RecognitionFixtures net = new RecognitionFixtures(this.database);
		long first = net.teacher(net.applicant, "Первая");
		long second = net.teacher(net.applicant, "Вторая");
		net.listener(net.event(RecognitionFixtures.lastYear().lastDay().minusDays(30), false), first);
		net.presenter(net.event(RecognitionFixtures.lastYear().lastDay().minusDays(40), false), second);
		long now = net.fixtures.liveEvent(net.network, net.executor);

		// both open and past their snapshots, then both recorded at once: one run of the
		// follower answers both cards
		ConnectableFlux<LiveMessage> firstCard = this.live.subscribe(Topic.card(first), null).replay();
		ConnectableFlux<LiveMessage> secondCard = this.live.subscribe(Topic.card(second), null).replay();
		Disposable open = Disposables.composite(firstCard.connect(), secondCard.connect());
		try {
			firstCard.blockFirst(Duration.ofSeconds(10));
			secondCard.blockFirst(Duration.ofSeconds(10));
			Mono.when(record(now, first, Participation.Role.LISTENER),
					record(now, second, Participation.Role.PRESENTER))
				.block(Duration.ofSeconds(10));

			for (ConnectableFlux<LiveMessage> card : List.of(firstCard, secondCard)) {
				JsonNode change = this.json.valueToTree(card.filter((m) -> "progress.changed".equals(m.type()))
					.blockFirst(Duration.ofSeconds(20))
					.data());
				JsonNode snapshot = this.json
					.valueToTree(this.live.subscribe(Topic.card(change.get("teacherId").asLong()), null)
						.blockFirst(Duration.ofSeconds(10))
						.data());
				assertThat(change.get("schoolYear").asInt()).isEqualTo(snapshot.get("schoolYear").asInt());
				assertThat(typed(change.get("years"), Cards.YearCount[].class))
					.isEqualTo(typed(snapshot.get("years"), Cards.YearCount[].class));
				assertThat(typed(change.get("progress"), Cards.CardProgress[].class))
					.isEqualTo(typed(snapshot.get("progress"), Cards.CardProgress[].class));
				assertThat(typed(change.get("warnings"), CardSnapshots.Warning[].class))
					.isEqualTo(typed(snapshot.get("warnings"), CardSnapshots.Warning[].class));
				// last year's centrik and this year's
				assertThat(change.get("years")).hasSize(2);
			}
		}
		finally {
			open.dispose();
		}
	}

	private <T> List<T> typed(JsonNode node, Class<T[]> type) {
		return List.of(this.json.convertValue(node, type));
	}

	/** The message's data as a client reads it. */
	private JsonNode tree(LiveMessage message) {
		return this.json.readTree(this.json.writeValueAsString(message.data()));
	}

	private Mono<Void> record(long event, long teacher, Participation.Role role) {
		return this.attendance
			.record(new EventId(event), new TeacherId(teacher), role, Participation.Method.HOST_MARKED,
					UUID.randomUUID(), Instant.now(), "test")
			.then();
	}

	private String progress(LiveMessage message) {
		return this.json.writeValueAsString(message.data());
	}

}
