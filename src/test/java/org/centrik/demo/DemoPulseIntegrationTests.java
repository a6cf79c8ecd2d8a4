package org.centrik.demo;

import java.time.Duration;
import java.util.List;

import org.centrik.live.LiveChanges;
import org.centrik.live.LiveMessage;
import org.centrik.live.Topic;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(properties = { "centrik.demo.enabled=true", "centrik.demo.pulse.interval=100ms" })
@DirtiesContext
class DemoPulseIntegrationTests {

	@Autowired
	DemoNetwork demoNetwork;

	@Autowired
	DemoPulse pulse;

	@Autowired
	LiveChanges live;

	@Autowired
	DatabaseClient database;

	@Test
	void pulseChecksInMembersOfTheNetworkIntoTheLiveEventThroughTheLiveCore() {
		long event = this.demoNetwork.liveNow().block().id().value();

		List<LiveMessage> messages = this.live.subscribe(Topic.attendance(event), null)
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(10));

		assertThat(messages.get(0).kind()).isEqualTo(LiveMessage.Kind.SNAPSHOT);
		// the first arrival comes after the interval; later ones are paced
		// (DemoPulseTests)
		assertPulseCheckIn(messages.get(1), event);
	}

	private void assertPulseCheckIn(LiveMessage change, long event) {
		assertThat(change.type()).isEqualTo("participation.recorded");
		JsonNode participant = (JsonNode) change.data();
		assertThat(participant.get("eventId").asLong()).isEqualTo(event);
		assertThat(recordedBy(change).block()).isEqualTo("demo-pulse");
	}

	private Mono<String> recordedBy(LiveMessage change) {
		JsonNode participant = (JsonNode) change.data();
		return this.database.sql("select recorded_by from participations where id = :id")
			.bind("id", participant.get("participationId").asLong())
			.map((row) -> row.get("recorded_by", String.class))
			.one();
	}

}
