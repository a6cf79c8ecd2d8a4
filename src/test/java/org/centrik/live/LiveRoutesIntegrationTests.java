package org.centrik.live;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.centrik.security.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live routes as a client sees them: a real RSocket connection over TCP and over
 * WebSocket, and the SSE mirror over HTTP.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class LiveRoutesIntegrationTests {

	enum Transport {

		TCP, WEBSOCKET

	}

	@LocalRSocketServerPort
	int tcpPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	JsonMapper json;

	@Autowired
	WebTestClient http;

	long event;

	long teacher;

	RSocketRequester requester;

	@Autowired
	ApplicationContext context;

	TestAccounts.Account coordinator;

	@BeforeEach
	void liveEvent() {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Гимназия");
		long network = fixtures.network(school);
		this.event = fixtures.liveEvent(network, school);
		this.teacher = fixtures.teacher(school, "Смирнова");
		this.coordinator = new TestAccounts(this.context).coordinator(network);
		this.http = this.http.mutate().defaultHeaders(this.coordinator::bearer).build();
	}

	@AfterEach
	void disconnect() {
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void attendanceStreamGivesTheSnapshotThenEachCheckInAsItHappens(Transport transport) {
		connect(transport).route("attendance.{id}.stream", this.event)
			.data(Map.of())
			.retrieveFlux(JsonNode.class)
			.as(StepVerifier::create)
			.assertNext((snapshot) -> {
				assertThat(snapshot.get("kind").asString()).isEqualTo("snapshot");
				assertThat(snapshot.get("reason").asString()).isEqualTo("initial");
				assertThat(snapshot.at("/data/event/id").asLong()).isEqualTo(this.event);
				assertThat(snapshot.at("/data/counts/present").asLong()).isZero();
			})
			.then(() -> checkIn().block())
			.assertNext((change) -> {
				assertThat(change.get("kind").asString()).isEqualTo("change");
				assertThat(change.get("type").asString()).isEqualTo("participation.recorded");
				assertThat(change.at("/data/teacherId").asLong()).isEqualTo(this.teacher);
				assertThat(change.at("/data/teacherName").asString()).isEqualTo("Смирнова Анна Сергеевна");
				assertThat(change.at("/data/role").asString()).isEqualTo("listener");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unknownEventIsAnErrorFrameWithTheNotFoundCode(Transport transport) {
		expectError(connect(transport).route("attendance.{id}.stream", Long.MAX_VALUE).data(Map.of()), "not_found");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void negativeSinceIsAnErrorFrameWithTheBadInputCode(Transport transport) {
		expectError(connect(transport).route("attendance.{id}.stream", this.event).data(Map.of("since", -1)),
				"bad_input");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void undeclaredRouteIsAnErrorFrameWithTheUnknownRouteCode(Transport transport) {
		expectError(connect(transport).route("attendance.{id}.nonsense", this.event).data(Map.of()), "unknown_route");
	}

	@Test
	void malformedRequestDataIsAnErrorFrameWithTheBadInputCode() {
		expectError(connect(Transport.TCP).route("attendance.{id}.stream", this.event).data(Map.of("since", "soon")),
				"bad_input");
	}

	@Test
	void serverSentEventsCarryTheSequenceAsIdAndResumeFromLastEventId() {
		var type = new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {
		};
		ServerSentEvent<JsonNode> snapshot = this.http.get()
			.uri("/api/live/attendance.{id}", this.event)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(type)
			.getResponseBody()
			.blockFirst(Duration.ofSeconds(10));
		assertThat(snapshot.event()).isEqualTo("snapshot");
		assertThat(snapshot.id()).isEqualTo(snapshot.data().get("sequence").asString());

		checkIn().block();

		ServerSentEvent<JsonNode> missed = this.http.get()
			.uri("/api/live/attendance.{id}", this.event)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("Last-Event-ID", snapshot.id())
			.exchange()
			.returnResult(type)
			.getResponseBody()
			.blockFirst(Duration.ofSeconds(10));
		assertThat(missed.event()).isEqualTo("change");
		assertThat(missed.data().at("/data/teacherId").asLong()).isEqualTo(this.teacher);
	}

	@Test
	void serverSentEventsOfAnUnknownEventAreA404ProblemDetail() {
		this.http.get()
			.uri("/api/live/attendance.{id}", Long.MAX_VALUE)
			.accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private reactor.core.publisher.Mono<Attendance.Recorded> checkIn() {
		return this.attendance.record(new EventId(this.event), new TeacherId(this.teacher), Participation.Role.LISTENER,
				Participation.Method.QR, UUID.randomUUID(), Instant.now(), "test");
	}

	private void expectError(RSocketRequester.RetrieveSpec request, String code) {
		request.retrieveFlux(JsonNode.class).as(StepVerifier::create).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(ApplicationErrorException.class);
			JsonNode body = this.json.readTree(error.getMessage());
			assertThat(body.get("code").asString()).isEqualTo(code);
			assertThat(body.get("detail").asString()).isNotBlank();
		}).verify(Duration.ofSeconds(10));
	}

	private RSocketRequester connect(Transport transport) {
		RSocketRequester.Builder builder = this.coordinator
			.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON));
		this.requester = switch (transport) {
			case TCP -> builder.tcp("localhost", this.tcpPort);
			case WEBSOCKET -> builder.websocket(URI.create("ws://localhost:" + this.httpPort + "/rsocket"));
		};
		return this.requester;
	}

}
