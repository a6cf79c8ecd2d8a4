package org.centrik.events;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everyone's own live feed of events, {@code events.mine.stream}, as real RSocket clients
 * see it: the events of their organisation, those they registered for and present at —
 * new, changed, cancelled, starting soon, now live — and never another organisation's
 * drafts, nor anyone else's feed.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class MyEventsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					Path.of("frontend-protocol", "schemas").toAbsolutePath().toUri().toString())));

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

	@Autowired
	EventTransitions transitions;

	@Autowired
	WebTestClient http;

	EventScene scene;

	final List<RSocketRequester> connections = new ArrayList<>();

	@BeforeEach
	void scene() {
		this.scene = new EventScene(this.context, this.database);
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach(RSocketRequester::dispose);
	}

	@Test
	void aTeacherSeesTheirOrganisationsEventsLiveFromPublishedToCancelledButNeverItsDraft() {
		RSocketRequester admin = connect(this.scene.adminA);
		Map<String, Object> details = this.scene.details();
		long[] event = new long[1];

		mine(this.scene.accountA).as(StepVerifier::create).assertNext((snapshot) -> {
			assertMessage(snapshot, "snapshot", null);
			assertThat(snapshot.at("/data/userId").asLong()).isEqualTo(this.scene.accountA.id().value());
			assertThat(snapshot.at("/data/events").size()).isZero();
		}).then(() -> {
			event[0] = id(command(admin, "events.create", details));
			command(admin, "events." + event[0] + ".publish", Map.of());
		})
			// the draft never reached the teacher, though they present at it: the next
			// message is its publication
			.assertNext((published) -> {
				assertMessage(published, "change", "event.published");
				assertThat(published.at("/data/event/id").asLong()).isEqualTo(event[0]);
				assertThat(published.at("/data/event/state").asString()).isEqualTo("published");
				assertThat(published.at("/data/mine/organisation").asBoolean()).isTrue();
				assertThat(published.at("/data/mine/presenter").asBoolean()).isTrue();
				assertThat(published.at("/data/mine/listed").asBoolean()).isTrue();
			})
			.then(() -> {
				details.put("title", "Семинар «Проектная неделя» — перенос зала");
				command(admin, "events." + event[0] + ".update", details);
			})
			.assertNext((changed) -> {
				assertMessage(changed, "change", "event.changed");
				assertThat(changed.at("/data/event/title").asString()).endsWith("перенос зала");
			})
			.then(() -> command(admin, "events." + event[0] + ".cancel", Map.of("reason", "Карантин")))
			.assertNext((cancelled) -> {
				assertMessage(cancelled, "change", "event.cancelled");
				assertThat(cancelled.at("/data/event/cancelReason").asString()).isEqualTo("Карантин");
			})
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void theAdminSeesTheDraftOtherOrganisationsSeeNothingUntilTheyRegister() {
		RSocketRequester admin = connect(this.scene.adminA);
		RSocketRequester teacherB = connect(this.scene.accountB);
		Flux<JsonNode> adminFeed = recorded(this.scene.adminA);
		Flux<JsonNode> teacherFeed = recorded(this.scene.accountB);
		Flux<JsonNode> otherNetworkFeed = recorded(this.scene.adminC);

		Map<String, Object> details = this.scene.details();
		details.put("capacity", 1);
		long event = id(command(admin, "events.create", details));
		command(admin, "events." + event + ".publish", Map.of());
		JsonNode registration = this.json.readTree(command(teacherB, "events." + event + ".register", Map.of()));
		assertThat(registration.get("status").asString()).isEqualTo("registered");
		// a second teacher of B waits for the one seat
		TestAccounts.Account secondB = this.scene.users.teacher(this.scene.teacher(this.scene.b));
		Flux<JsonNode> waitingFeed = recorded(secondB);
		command(connect(secondB), "events." + event + ".register", Map.of());
		command(teacherB, "events." + event + ".unregister", Map.of());

		List<JsonNode> adminMessages = settle(adminFeed, 6);
		assertThat(types(adminMessages)).containsExactly("snapshot", "event.changed", "event.published",
				"event.changed", "event.changed", "event.changed");
		assertThat(adminMessages.get(1).at("/data/event/state").asString()).as("the draft, to its admin")
			.isEqualTo("draft");

		List<JsonNode> teacherMessages = settle(teacherFeed, 4);
		assertThat(types(teacherMessages)).as("teacher B: nothing before registering")
			.containsExactly("snapshot", "event.changed", "event.changed", "event.changed");
		assertThat(teacherMessages.get(1).at("/data/mine/registration").asString()).isEqualTo("registered");
		assertThat(teacherMessages.get(1).at("/data/mine/organisation").asBoolean()).isFalse();
		assertThat(teacherMessages.get(1).at("/data/mine/listed").asBoolean()).isTrue();
		assertThat(teacherMessages.get(2).at("/data/event/waitlisted").asInt()).isEqualTo(1);
		assertThat(teacherMessages.get(3).at("/data/mine/registration").asString()).isEqualTo("cancelled");
		assertThat(teacherMessages.get(3).at("/data/mine/listed").asBoolean()).as("it leaves their feed").isFalse();

		List<JsonNode> waiting = settle(waitingFeed, 3);
		assertThat(waiting.get(1).at("/data/mine/registration").asString()).isEqualTo("waitlisted");
		assertThat(waiting.get(1).at("/data/mine/waitingPosition").asInt()).isEqualTo(1);
		assertThat(waiting.get(2).at("/data/mine/registration").asString()).as("promoted live").isEqualTo("registered");

		assertThat(types(settle(otherNetworkFeed, 1))).as("another network's admin").containsExactly("snapshot");
		for (List<JsonNode> messages : List.of(adminMessages, teacherMessages, waiting)) {
			messages.forEach((message) -> assertValid(message));
		}
	}

	@Test
	void anAppointedHostGetsTheDraftAndIsToldWhenNoLongerAppointed() {
		RSocketRequester admin = connect(this.scene.adminA);
		long event = id(command(admin, "events.create", this.scene.details()));
		long hostTeacher = this.scene.teacher(this.scene.a);
		TestAccounts.Account host = this.scene.users.teacher(hostTeacher);
		Flux<JsonNode> hostFeed = recorded(host);

		command(admin, "events." + event + ".hosts", Map.of("userIds", List.of(host.id().value())));
		command(admin, "events." + event + ".hosts", Map.of("userIds", List.of()));

		List<JsonNode> messages = settle(hostFeed, 3);
		assertThat(types(messages)).containsExactly("snapshot", "event.changed", "event.changed");
		assertThat(messages.get(1).at("/data/mine/host").asBoolean()).isTrue();
		assertThat(messages.get(1).at("/data/event/state").asString()).isEqualTo("draft");
		assertThat(messages.get(2).at("/data/mine/listed").asBoolean()).isFalse();
	}

	@Test
	void startingSoonThenNowLiveReachTheFeedOnceEach() {
		RSocketRequester admin = connect(this.scene.adminA);
		Map<String, Object> details = this.scene.details();
		Instant start = Instant.now().plus(Duration.ofMinutes(10));
		details.put("startsAt", start.toString());
		details.put("endsAt", start.plus(Duration.ofHours(1)).toString());
		long event = id(command(admin, "events.create", details));

		mine(this.scene.accountA).as(StepVerifier::create)
			.assertNext((snapshot) -> assertMessage(snapshot, "snapshot", null))
			.then(() -> command(admin, "events." + event + ".publish", Map.of()))
			.assertNext((published) -> assertMessage(published, "change", "event.published"))
			.then(() -> {
				this.transitions.run().block();
				this.transitions.run().block();
			})
			.assertNext((soon) -> {
				assertMessage(soon, "change", "event.starting-soon");
				assertThat(soon.at("/data/event/id").asLong()).isEqualTo(event);
			})
			.then(() -> {
				details.put("startsAt", Instant.now().minusSeconds(60).toString());
				command(admin, "events." + event + ".update", details);
				this.transitions.run().block();
				this.transitions.run().block();
			})
			.assertNext((changed) -> assertMessage(changed, "change", "event.changed"))
			.assertNext((live) -> {
				assertMessage(live, "change", "event.live");
				assertThat(live.at("/data/event/state").asString()).isEqualTo("live");
			})
			.expectNoEvent(Duration.ofMillis(500))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void aClientThatResumesGetsExactlyWhatItMissed() {
		RSocketRequester admin = connect(this.scene.adminA);
		long event = id(command(admin, "events.create", this.scene.details()));
		RSocketRequester teacher = connect(this.scene.accountA);
		Flux<JsonNode> feed = teacher.route("events.mine.stream")
			.data(Map.of())
			.retrieveFlux(JsonNode.class)
			.replay()
			.autoConnect(0);
		feed.next().block(WAIT);
		command(admin, "events." + event + ".publish", Map.of());
		long seen = feed.skip(1).next().block(WAIT).get("sequence").asLong();
		teacher.dispose();

		command(admin, "events." + event + ".cancel", Map.of("reason", "Перенос на весну"));

		List<JsonNode> resumed = connect(this.scene.accountA).route("events.mine.stream")
			.data(Map.of("since", seen))
			.retrieveFlux(JsonNode.class)
			.take(Duration.ofSeconds(2))
			.collectList()
			.block(WAIT);
		assertThat(types(resumed)).containsExactly("event.cancelled");
		assertThat(resumed.get(0).get("sequence").asLong()).isGreaterThan(seen);
	}

	@Test
	void aFeedIsItsOwnUsersOnly() {
		long other = this.scene.accountB.id().value();
		this.http.get()
			.uri("/api/live/events.mine." + other)
			.headers(this.scene.accountA::bearer)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.get()
			.uri("/api/live/events.mine." + other)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		List<JsonNode> own = settle(recorded(this.scene.accountA), 1);
		assertThat(own.get(0).get("topic").asString()).as("the route names no user: it is the caller's")
			.isEqualTo("events.mine." + this.scene.accountA.id().value());
	}

	private Flux<JsonNode> mine(TestAccounts.Account account) {
		return connect(account).route("events.mine.stream").data(Map.of()).retrieveFlux(JsonNode.class);
	}

	/**
	 * The account's feed, recorded from now on: subscribed at once, and its snapshot
	 * arrived before this returns.
	 */
	private Flux<JsonNode> recorded(TestAccounts.Account account) {
		Flux<JsonNode> feed = mine(account).replay().autoConnect(0);
		feed.next().block(WAIT);
		return feed;
	}

	/**
	 * The first messages, at least {@code count}, and whatever came in the next second.
	 */
	private static List<JsonNode> settle(Flux<JsonNode> feed, int count) {
		List<JsonNode> first = feed.take(count).collectList().block(WAIT);
		List<JsonNode> all = feed.take(Duration.ofSeconds(1)).collectList().block(WAIT);
		assertThat(all).startsWith(first.toArray(JsonNode[]::new));
		return all;
	}

	private static List<String> types(List<JsonNode> messages) {
		return messages.stream()
			.map((message) -> message.has("type") ? message.get("type").asString() : message.get("kind").asString())
			.toList();
	}

	private void assertMessage(JsonNode message, String kind, String type) {
		assertThat(message.get("kind").asString()).isEqualTo(kind);
		if (type != null) {
			assertThat(message.get("type").asString()).isEqualTo(type);
		}
		assertValid(message);
	}

	private void assertValid(JsonNode message) {
		JsonSchema schema = schemas.getSchema(
				SchemaLocation.of("https://centrik.org/protocol/schemas/events-mine-message.json"),
				SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
		Set<ValidationMessage> errors = schema.validate(message.toString(), InputFormat.JSON);
		assertThat(errors).as("%s", message).isEmpty();
	}

	private String command(RSocketRequester requester, String route, Object data) {
		return requester.route(route).data(data).retrieveMono(String.class).block(WAIT);
	}

	private long id(String event) {
		return this.json.readTree(event).get("id").asLong();
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.port);
		this.connections.add(requester);
		return requester;
	}

}
