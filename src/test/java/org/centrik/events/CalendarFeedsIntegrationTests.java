package org.centrik.events;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DateProperty;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * iCalendar feeds at a secret URL: what they show, to whom, that they can be revoked, and
 * that calendar apps get the right instants across daylight-saving changes.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarFeedsIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	EventScene scene;

	@BeforeAll
	void scene() {
		this.scene = new EventScene(this.context, this.database);
	}

	@Test
	void eventsSpanningADaylightSavingChangeParseBackToTheSameInstants() throws Exception {
		Span berlin = acrossNextTransition("Europe/Berlin");
		Span newYork = acrossNextTransition("America/New_York");
		long inBerlin = published(berlin, "Семинар в Берлине");
		long inNewYork = published(newYork, "Вебинар из Нью-Йорка");

		Calendar calendar = parse(fetch(feed("network", this.scene.n)));

		assertSpan(event(calendar, inBerlin), berlin);
		assertSpan(event(calendar, inNewYork), newYork);
		assertThat(calendar.getComponents("VTIMEZONE")).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aFeedShowsNoDraftsMarksCancelledEventsAndStopsWhenRevoked() throws Exception {
		Map<String, Object> draft = this.scene.details();
		draft.put("title", "Черновик");
		long hidden = create(draft);
		long cancelled = published(acrossNextTransition("Europe/Moscow"), "Отменённый семинар");
		this.http.post()
			.uri("/api/events/" + cancelled + "/cancel")
			.headers(this.scene.adminA::bearer)
			.bodyValue(Map.of("reason", "Карантин"))
			.exchange()
			.expectStatus()
			.isOk();
		JsonNode feed = feed("organisation", this.scene.a);
		String url = feed.get("url").asString();
		Calendar calendar = parse(fetch(feed));
		assertThat(find(calendar, hidden)).isEmpty();
		VEvent shown = event(calendar, cancelled);
		assertThat(shown.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
		assertThat(shown.getProperty(Property.DESCRIPTION).orElseThrow().getValue()).contains("Карантин");

		String token = url.substring("/calendar/".length(), url.length() - ".ics".length());
		assertThat(this.database.sql("select count(*) from calendar_feeds where token_hash = :hash")
			.bind("hash", CalendarFeeds.sha256(token))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()).as("only the hash is stored").isEqualTo(1);

		this.http.delete()
			.uri("/api/calendar-feeds/" + feed.get("id").asLong())
			.headers(this.scene.adminB::bearer)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.http.get().uri(url).exchange().expectStatus().isOk();
		this.http.delete()
			.uri("/api/calendar-feeds/" + feed.get("id").asLong())
			.headers(this.scene.adminA::bearer)
			.exchange()
			.expectStatus()
			.isNoContent();
		this.http.get().uri(url).exchange().expectStatus().isNotFound();
		this.http.get().uri("/calendar/not-a-token.ics").exchange().expectStatus().isNotFound();
	}

	@Test
	void aTeachersFeedHasTheEventsTheyRegisteredForOrPresentAt() throws Exception {
		long registered = published(acrossNextTransition("Europe/Moscow"), "Мастер-класс для Борисовой");
		long other = published(acrossNextTransition("Europe/Moscow"), "Мастер-класс без Борисовой");
		this.http.post()
			.uri("/api/events/" + registered + "/registrations")
			.headers(this.scene.accountB::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		Calendar calendar = parse(fetch(feed(this.scene.accountB, "teacher", this.scene.teacherB)));
		assertThat(find(calendar, registered)).isPresent();
		assertThat(find(calendar, other)).isEmpty();
		Calendar presenter = parse(fetch(feed(this.scene.accountA, "teacher", this.scene.teacherA)));
		assertThat(find(presenter, registered)).as("the scene's presenter").isPresent();
	}

	@Test
	void onlyThoseWhoMaySeeTheScheduleCreateItsFeed() {
		long before = this.scene.writes();
		create(this.scene.adminC, "network", this.scene.n).expectStatus().isForbidden();
		create(this.scene.accountB, "organisation", this.scene.a).expectStatus().isForbidden();
		create(this.scene.accountB, "teacher", this.scene.teacherA).expectStatus().isForbidden();
		create(this.scene.coordinatorM, "network", this.scene.n).expectStatus().isForbidden();
		assertThat(this.scene.writes()).isEqualTo(before);
		create(this.scene.adminB, "teacher", this.scene.teacherB).expectStatus().isCreated();
	}

	/** Two hours of real time around the zone's next change of offset. */
	private static Span acrossNextTransition(String zone) {
		ZoneId id = ZoneId.of(zone);
		var transition = id.getRules().nextTransition(Instant.now().plus(Duration.ofDays(2)));
		Instant at = (transition != null) ? transition.getInstant() : Instant.now().plus(Duration.ofDays(30));
		return new Span(id, at.minus(Duration.ofHours(1)), at.plus(Duration.ofHours(1)));
	}

	private static void assertSpan(VEvent event, Span span) {
		DateProperty<Temporal> start = event.getDateTimeStart();
		DateProperty<Temporal> end = event.getEndDate().orElseThrow();
		assertThat(start.<TzId>getParameter(Parameter.TZID).map(TzId::getValue)).contains(span.zone().getId());
		assertThat(ZonedDateTime.from(start.getDate()).toInstant()).isEqualTo(span.start());
		assertThat(ZonedDateTime.from(end.getDate()).toInstant()).isEqualTo(span.end());
		assertThat(Duration.between(ZonedDateTime.from(start.getDate()), ZonedDateTime.from(end.getDate())))
			.isEqualTo(Duration.ofHours(2));
	}

	private static Calendar parse(String ics) throws Exception {
		return new CalendarBuilder().build(new StringReader(ics));
	}

	private static VEvent event(Calendar calendar, long event) {
		return find(calendar, event).orElseThrow(() -> new AssertionError("no event " + event + " in " + calendar));
	}

	private static Optional<VEvent> find(Calendar calendar, long event) {
		return calendar.<VEvent>getComponents("VEVENT")
			.stream()
			.filter((vevent) -> vevent.getUid().orElseThrow().getValue().equals("event-" + event + "@centrik"))
			.findFirst();
	}

	private String fetch(JsonNode feed) {
		return this.http.get()
			.uri(feed.get("url").asString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/calendar")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode feed(String scope, long id) {
		return feed(this.scene.adminA, scope, id);
	}

	private JsonNode feed(org.centrik.security.TestAccounts.Account account, String scope, long id) {
		return create(account, scope, id).expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec create(org.centrik.security.TestAccounts.Account account, String scope,
			long id) {
		return this.http.post()
			.uri("/api/calendar-feeds")
			.headers(account::bearer)
			.bodyValue(Map.of("scope", scope, "id", id))
			.exchange();
	}

	private long published(Span span, String title) {
		Map<String, Object> details = this.scene.details();
		details.put("title", title);
		details.put("timeZone", span.zone().getId());
		details.put("startsAt", span.start().atZone(span.zone()).toOffsetDateTime().toString());
		details.put("endsAt", span.end().atZone(span.zone()).toOffsetDateTime().toString());
		long event = create(details);
		this.http.post()
			.uri("/api/events/" + event + "/publish")
			.headers(this.scene.adminA::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		return event;
	}

	private long create(Map<String, Object> details) {
		return this.http.post()
			.uri("/api/events")
			.headers(this.scene.adminA::bearer)
			.bodyValue(details)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.asLong();
	}

	private record Span(ZoneId zone, Instant start, Instant end) {
	}

}
