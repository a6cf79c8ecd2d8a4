package org.centrik.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.centrik.live.LiveChanges;
import org.centrik.live.LiveMessage;
import org.centrik.live.Topic;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Network events over HTTP on PostgreSQL: their life from draft to finished, every
 * refusal, the request link, and the network's upcoming feed.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	EventTransitions transitions;

	@Autowired
	LiveChanges live;

	@Autowired
	JsonMapper json;

	EventScene scene;

	@BeforeAll
	void scene() {
		this.scene = new EventScene(this.context, this.database);
	}

	@Test
	void anEventGoesFromDraftToFinishedAndEveryTransitionIsRecordedWithTheRequestItAnswers() {
		Map<String, Object> details = this.scene.details();
		JsonNode created = create(this.scene.adminA, details).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		long event = created.get("id").asLong();
		assertThat(created.get("state").asString()).isEqualTo("draft");
		assertThat(created.get("requestIds").get(0).asLong()).isEqualTo(this.scene.request);
		assertThat(created.get("presenterIds").get(0).asLong()).isEqualTo(this.scene.teacherA);
		assertThat(created.get("hostIds").get(0).asLong()).isEqualTo(this.scene.a);
		assertThat(this.scene.count("select count(*) from event_requests where event_id = :event", event)).isEqualTo(1);

		JsonNode retried = create(this.scene.adminA, details).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(retried.get("id").asLong()).as("a retried create").isEqualTo(event);

		command(this.scene.adminA, "/api/events/" + event + "/publish").expectStatus().isOk();
		command(this.scene.adminA, "/api/events/" + event + "/publish").expectStatus().isOk();
		assertThat(state(event)).isEqualTo("published");

		this.database.sql("""
				update events set starts_at = now() - interval '10 minutes', ends_at = now() + interval '1 hour'
				where id = :event
				""").bind("event", event).then().block();
		this.transitions.run().block();
		assertThat(state(event)).isEqualTo("live");

		this.database.sql("""
				update events set starts_at = now() - interval '3 hours', ends_at = now() - interval '31 minutes'
				where id = :event
				""").bind("event", event).then().block();
		this.transitions.run().block();
		assertThat(state(event)).isEqualTo("finished");
		this.transitions.run().block();

		List<String> recorded = this.database
			.sql("select coalesce(from_state, '-') || '>' || to_state || ' by ' || actor as t from event_transitions "
					+ "where event_id = :event order by id")
			.bind("event", event)
			.map((row) -> row.get("t", String.class))
			.all()
			.collectList()
			.block();
		String admin = "user:" + this.scene.adminA.id().value();
		assertThat(recorded).containsExactly("->draft by " + admin, "draft>published by " + admin,
				"published>live by scheduler", "live>finished by scheduler");
	}

	@Test
	void aPublishedEventWhoseWholeWindowPassedGoesLiveThenFinishes() {
		long event = publishedEvent();
		this.database.sql("""
				update events set starts_at = now() - interval '5 hours', ends_at = now() - interval '4 hours'
				where id = :event
				""").bind("event", event).then().block();
		this.transitions.run().block();
		assertThat(state(event)).isEqualTo("finished");
		assertThat(this.scene.count("select count(*) from event_transitions where event_id = :event", event))
			.isEqualTo(4);
	}

	@Test
	void illegalTransitionsAreRefusedWithAConflictAndChangeNothing() {
		long draft = id(create(this.scene.adminA, this.scene.details()));
		long before = this.scene.writes();
		command(this.scene.adminA, "/api/events/" + draft + "/finish").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("illegal_transition")
			.jsonPath("$.state")
			.isEqualTo("draft");
		this.http.post()
			.uri("/api/events/" + draft + "/cancel")
			.headers(this.scene.adminA::bearer)
			.bodyValue(Map.of("reason", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input");
		assertThat(this.scene.writes()).isEqualTo(before);

		cancel(this.scene.adminA, draft, "Заболел ведущий").expectStatus().isOk();
		cancel(this.scene.adminA, draft, "Заболел ведущий").expectStatus().isOk();
		assertThat(this.database.sql("select cancel_reason from events where id = :id")
			.bind("id", draft)
			.map((row) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("Заболел ведущий");
		long cancelled = this.scene.writes();
		command(this.scene.adminA, "/api/events/" + draft + "/publish").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("illegal_transition");
		this.http.put()
			.uri("/api/events/" + draft)
			.headers(this.scene.adminA::bearer)
			.bodyValue(this.scene.details())
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("illegal_transition");
		this.http.post()
			.uri("/api/events/" + draft + "/registrations")
			.headers(this.scene.accountA::bearer)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.scene.writes()).isEqualTo(cancelled);
	}

	@Test
	void badDetailsAreRefusedNamingTheField() {
		Map<String, Object> online = this.scene.details();
		online.put("mode", "online");
		assertBadInput(online, "link");
		Map<String, Object> backwards = this.scene.details();
		backwards.put("endsAt", backwards.get("startsAt"));
		assertBadInput(backwards, "endsAt");
		Map<String, Object> foreignHost = this.scene.details();
		foreignHost.put("hostIds", List.of(this.scene.a, this.scene.c));
		assertBadInput(foreignHost, "Hosts");
		Map<String, Object> zone = this.scene.details();
		zone.put("timeZone", "Mars/Olympus");
		assertBadInput(zone, "timeZone");
	}

	@Test
	void onlyAdminsOfHostOrganisationsAndCoordinatorsCreateAndDeniedCallsWriteNothing() {
		long event = publishedEvent();
		TestAccounts.Account host = this.scene.users.teacher(this.scene.teacher(this.scene.a));
		this.http.put()
			.uri("/api/events/" + event + "/hosts")
			.headers(this.scene.adminA::bearer)
			.bodyValue(Map.of("userIds", List.of(host.id().value())))
			.exchange()
			.expectStatus()
			.isOk();
		long before = this.scene.writes();
		for (TestAccounts.Account denied : List.of(this.scene.accountA, this.scene.adminB, this.scene.expertN,
				this.scene.coordinatorM, host)) {
			create(denied, this.scene.details()).expectStatus().isForbidden();
		}
		for (TestAccounts.Account denied : List.of(this.scene.accountA, this.scene.adminB, this.scene.expertN,
				this.scene.coordinatorM)) {
			command(denied, "/api/events/" + event + "/finish").expectStatus().isForbidden();
			cancel(denied, event, "Нет").expectStatus().isForbidden();
			this.http.put()
				.uri("/api/events/" + event)
				.headers(denied::bearer)
				.bodyValue(this.scene.details())
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		for (TestAccounts.Account denied : List.of(host, this.scene.adminB, this.scene.accountA)) {
			this.http.put()
				.uri("/api/events/" + event + "/hosts")
				.headers(denied::bearer)
				.bodyValue(Map.of("userIds", List.of(this.scene.accountB.id().value())))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		this.http.post()
			.uri("/api/events/" + event + "/registrations")
			.headers(this.scene.adminB::bearer)
			.bodyValue(Map.of("teacherId", this.scene.teacherA))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.http.post()
			.uri("/api/events/" + event + "/registrations")
			.headers(this.scene.adminC::bearer)
			.exchange()
			.expectStatus()
			.isBadRequest();
		// anonymous: not logged in
		create(null, this.scene.details()).expectStatus().isUnauthorized();
		assertThat(this.scene.writes()).as("rows written by denied calls").isEqualTo(before);

		// a host person edits the event they host, the coordinator creates in their
		// network
		Map<String, Object> edited = this.scene.details();
		edited.put("title", "Семинар, исправленный хостом");
		this.http.put()
			.uri("/api/events/" + event)
			.headers(host::bearer)
			.bodyValue(edited)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Семинар, исправленный хостом");
		create(this.scene.coordinatorN, this.scene.details()).expectStatus().isCreated();
		this.http.put()
			.uri("/api/events/" + event + "/hosts")
			.headers(this.scene.adminA::bearer)
			.bodyValue(Map.of("userIds", List.of(this.scene.accountB.id().value())))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void everyChangeOfAPublishedEventArrivesOnTheUpcomingStreamAndDraftsNever() {
		long draft = id(create(this.scene.adminA, this.scene.details()));
		StepVerifier.create(this.live.subscribe(Topic.upcomingEvents(this.scene.n), null))
			.expectNextMatches((message) -> message.kind() == LiveMessage.Kind.SNAPSHOT)
			.then(() -> {
				Map<String, Object> edited = this.scene.details();
				edited.put("title", "Черновик, который никто не видит");
				this.http.put()
					.uri("/api/events/" + draft)
					.headers(this.scene.adminA::bearer)
					.bodyValue(edited)
					.exchange()
					.expectStatus()
					.isOk();
				command(this.scene.adminA, "/api/events/" + draft + "/publish").expectStatus().isOk();
			})
			.expectNextMatches((message) -> is(message, draft, Event.State.PUBLISHED, 0))
			.then(() -> register(this.scene.accountA, draft).expectStatus().isOk())
			.expectNextMatches((message) -> is(message, draft, Event.State.PUBLISHED, 1))
			.then(() -> cancel(this.scene.adminA, draft, "Карантин").expectStatus().isOk())
			.expectNextMatches((message) -> is(message, draft, Event.State.CANCELLED, 1)
					&& "Карантин".equals(this.json.valueToTree(message.data()).get("cancelReason").asString()))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void theSchedulerTransitionsArriveOnTheUpcomingStream() {
		long event = publishedEvent();
		StepVerifier.create(this.live.subscribe(Topic.upcomingEvents(this.scene.n), null))
			.expectNextMatches((message) -> message.kind() == LiveMessage.Kind.SNAPSHOT)
			.then(() -> {
				this.database.sql("update events set starts_at = now() - interval '1 minute' where id = :event")
					.bind("event", event)
					.then()
					.block();
				this.transitions.run().block();
			})
			.expectNextMatches((message) -> is(message, event, Event.State.LIVE, 0))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void theScheduleIsFilteredByNetworkOrganisationFormatModeAndState() {
		long event = publishedEvent();
		List<Long> found = this.http.get()
			.uri("/api/events?network={n}&organisation={a}&format=seminar&mode=offline&state=published", this.scene.n,
					this.scene.a)
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((node) -> node.get("id").asLong())
			.toList();
		assertThat(found).contains(event);
		assertThat(this.http.get()
			.uri("/api/events?network={n}&format=webinar", this.scene.n)
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectBodyList(JsonNode.class)
			.returnResult()
			.getResponseBody()).noneMatch((node) -> node.get("id").asLong() == event);
		this.http.get()
			.uri("/api/events?state=sleeping")
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private boolean is(LiveMessage message, long event, Event.State state, int registered) {
		if (message.kind() != LiveMessage.Kind.CHANGE) {
			return false;
		}
		JsonNode changed = this.json.valueToTree(message.data());
		return changed.get("id").asLong() == event && changed.get("state").asString().equals(state.code())
				&& changed.get("registered").asInt() == registered;
	}

	long publishedEvent() {
		long event = id(create(this.scene.adminA, this.scene.details()));
		command(this.scene.adminA, "/api/events/" + event + "/publish").expectStatus().isOk();
		return event;
	}

	private void assertBadInput(Map<String, Object> details, String mentioned) {
		long before = this.scene.writes();
		create(this.scene.adminA, details).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("bad_input")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains(mentioned));
		assertThat(this.scene.writes()).isEqualTo(before);
	}

	private String state(long event) {
		return this.database.sql("select state from events where id = :id")
			.bind("id", event)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
	}

	private WebTestClient.ResponseSpec create(TestAccounts.Account account, Map<String, Object> details) {
		WebTestClient.RequestBodySpec request = this.http.post().uri("/api/events");
		if (account != null) {
			request = request.headers(account::bearer);
		}
		return request.bodyValue(details).exchange();
	}

	private long id(WebTestClient.ResponseSpec response) {
		return response.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.asLong();
	}

	WebTestClient.ResponseSpec command(TestAccounts.Account account, String path) {
		return this.http.post().uri(path).headers(account::bearer).exchange();
	}

	WebTestClient.ResponseSpec register(TestAccounts.Account account, long event) {
		return this.http.post().uri("/api/events/" + event + "/registrations").headers(account::bearer).exchange();
	}

	private WebTestClient.ResponseSpec cancel(TestAccounts.Account account, long event, String reason) {
		return this.http.post()
			.uri("/api/events/" + event + "/cancel")
			.headers(account::bearer)
			.bodyValue(Map.of("reason", reason))
			.exchange();
	}

}
