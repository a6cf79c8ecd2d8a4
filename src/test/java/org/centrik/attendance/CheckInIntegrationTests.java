package org.centrik.attendance;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Self check-in as phones do it, over RSocket and HTTP, on PostgreSQL: the rotating code
 * at scan time, offline phones, one participation per teacher and event whatever arrives
 * at once, and every reason a check-in is refused.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class CheckInIntegrationTests {

	private static final JsonSchema ERROR = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.schemaMappers((mappers) -> mappers.mapPrefix("https://centrik.org/protocol/schemas/",
					Path.of("frontend-protocol/schemas").toAbsolutePath().toUri().toString())))
		.getSchema(SchemaLocation.of("https://centrik.org/protocol/schemas/error.json"));

	@LocalRSocketServerPort
	int tcpPort;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	WebTestClient http;

	@Autowired
	ApplicationContext context;

	@Autowired
	CheckInCodes codes;

	@Autowired
	JsonMapper json;

	AttendanceScene scene;

	final List<RSocketRequester> requesters_ = new ArrayList<>();

	@BeforeEach
	void scene() {
		this.scene = new AttendanceScene(this.context);
	}

	@AfterEach
	void disconnect() {
		this.requesters_.forEach(RSocketRequester::dispose);
	}

	@Test
	void checkInWithTheCurrentQrCodeRecordsAListenerAndARetryReturnsTheFirstResult() {
		long event = this.scene.liveEvent();
		long teacher = this.scene.teacher(this.scene.schoolB, "Белова", "Ирина", "Олеговна");
		RSocketRequester phone = connect(this.scene.accounts.teacher(teacher));
		UUID clientId = UUID.randomUUID();
		Instant now = Instant.now();
		Map<String, Object> request = Map.of("clientId", clientId, "code", qr(event, now), "scannedAt", now.toString());

		JsonNode first = checkIn(phone, event, request).block(Duration.ofSeconds(10));
		JsonNode retry = checkIn(phone, event, request).block(Duration.ofSeconds(10));

		assertThat(first.get("created").asBoolean()).isTrue();
		assertThat(first.at("/participation/role").asString()).isEqualTo("listener");
		assertThat(first.at("/participation/method").asString()).isEqualTo("qr");
		assertThat(retry.get("created").asBoolean()).isFalse();
		assertThat(retry.at("/participation/participationId").asLong())
			.isEqualTo(first.at("/participation/participationId").asLong());
		assertThat(this.scene.participations(event)).isEqualTo(1);
	}

	@Test
	void aPresenterOfTheEventChecksInAsAPresenterWithTheCodeWordOverHttp() {
		long event = this.scene.liveEvent();
		long teacher = this.scene.teacher(this.scene.schoolA, "Краснова", "Вера", "Ильинична");
		this.scene.presenter(event, teacher);
		TestAccounts.Account account = this.scene.accounts.teacher(teacher);
		Instant now = Instant.now();

		this.http.post()
			.uri("/api/events/{id}/check-ins", event)
			.headers(account::bearer)
			.bodyValue(Map.of("clientId", UUID.randomUUID(), "code", word(event, now), "scannedAt", now.toString()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.participation.role")
			.isEqualTo("presenter")
			.jsonPath("$.participation.method")
			.isEqualTo("code_word");
	}

	@Test
	void concurrentDuplicateCheckInsAndHostMarksMakeOneParticipation() {
		long event = this.scene.liveEvent();
		long teacher = this.scene.teacher(this.scene.schoolB, "Дублева", "Анна", "Петровна");
		TestAccounts.Account account = this.scene.accounts.teacher(teacher);
		RSocketRequester phone = connect(account);
		RSocketRequester secondPhone = connect(account);
		RSocketRequester host = connect(this.scene.accounts
			.host(this.scene.teacher(this.scene.schoolA, "Ведущая", "Ольга", "Игоревна"), event));
		Instant now = Instant.now();
		String code = qr(event, now);
		UUID shared = UUID.randomUUID();
		List<Mono<String>> attempts = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			attempts.add(outcome(
					checkIn(phone, event, Map.of("clientId", shared, "code", code, "scannedAt", now.toString()))));
			attempts.add(outcome(checkIn(secondPhone, event,
					Map.of("clientId", UUID.randomUUID(), "code", code, "scannedAt", now.toString()))));
			attempts.add(outcome(host.route("attendance.{id}.mark", event)
				.data(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher))
				.retrieveMono(JsonNode.class)));
		}

		List<String> outcomes = Flux.merge(attempts).collectList().block(Duration.ofSeconds(30));

		assertThat(this.scene.participations(event)).isEqualTo(1);
		assertThat(outcomes).allMatch((outcome) -> outcome.equals("ok") || outcome.equals("already_checked_in"),
				"every attempt either succeeded or was told the teacher is in: " + outcomes);
		assertThat(this.scene.count("select count(*) from change_log where topic = 'attendance.' || :event"
				+ " and type = 'participation.recorded'", event))
			.isEqualTo(1);
	}

	@Test
	void aBurstOfCheckInsSharesCommitsAndEachGetsItsOwnParticipationAndChanges() {
		long event = this.scene.liveEvent();
		Instant now = Instant.now();
		String code = qr(event, now);
		List<Mono<JsonNode>> attempts = new ArrayList<>();
		List<UUID> retried = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			RSocketRequester phone = connect(this.scene.accounts
				.teacher(this.scene.teacher(this.scene.schoolB, "Толпа" + i, "Анна", "Петровна")));
			UUID clientId = UUID.randomUUID();
			Map<String, Object> request = Map.of("clientId", clientId, "code", code, "scannedAt", now.toString());
			attempts.add(checkIn(phone, event, request));
			if (i % 6 == 0) {
				// a phone that did not hear the answer in time sends the same check-in
				// again
				attempts.add(checkIn(phone, event, request));
				retried.add(clientId);
			}
		}

		List<JsonNode> answers = Flux.merge(attempts).collectList().block(Duration.ofSeconds(30));

		assertThat(answers).hasSize(35);
		assertThat(answers.stream().map((answer) -> answer.at("/participation/participationId").asLong()).distinct())
			.hasSize(30);
		assertThat(this.scene.participations(event)).isEqualTo(30);
		// each participation has its two changes, which name it and its own teacher
		assertThat(this.scene.count("""
				select count(*) from participations p
				join change_log a on a.topic = 'attendance.' || p.event_id and a.type = 'participation.recorded'
				     and (a.payload ->> 'participationId')::bigint = p.id
				     and (a.payload ->> 'teacherId')::bigint = p.teacher_id
				join change_log c on c.topic = 'cards.' || p.teacher_id and c.type = 'participation.recorded'
				     and (c.payload ->> 'participationId')::bigint = p.id
				     and (c.payload ->> 'eventId')::bigint = p.event_id
				where p.event_id = :event
				""", event)).isEqualTo(30);
		assertThat(this.scene.count("select count(*) from change_log where topic = 'attendance.' || :event", event))
			.isEqualTo(30);
		// thirty-five check-ins at once do not take thirty commits
		assertThat(this.scene.count("select count(distinct xmin::text) from participations where event_id = :event",
				event))
			.isLessThan(30);
	}

	@Test
	void theRotatingCodeIsValidForItsSliceAndThePreviousOneOnlyAndOnlyForItsEvent() {
		long event = this.scene.liveEvent();
		long other = this.scene.liveEvent();
		Instant now = Instant.now();
		List<long[]> teachers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			teachers.add(new long[] { this.scene.teacher(this.scene.schoolB, "Кодова" + i, "Анна", "Сергеевна") });
		}
		Duration period = Duration.ofSeconds(20);

		assertRefused(connect(this.scene.accounts.teacher(teachers.get(0)[0])), event,
				qr(event, now.minus(period.multipliedBy(3))), now, "code_expired");
		RSocketRequester phone = connect(this.scene.accounts.teacher(teachers.get(1)[0]));
		assertRefused(phone, event, qr(other, now), now, "code_invalid");
		assertRefused(phone, event, "123-abc", now, "code_invalid");
		assertRefused(phone, event, "12345", now, "code_invalid");
		assertThat(checkIn(connect(this.scene.accounts.teacher(teachers.get(2)[0])), event,
				Map.of("clientId", UUID.randomUUID(), "code", qr(event, now.minus(period)), "scannedAt",
						now.toString()))
			.block(Duration.ofSeconds(10))
			.get("created")
			.asBoolean()).as("the previous slice's code").isTrue();
		assertThat(checkIn(connect(this.scene.accounts.teacher(teachers.get(3)[0])), event,
				Map.of("clientId", UUID.randomUUID(), "code", qr(event, now), "scannedAt", now.toString()))
			.block(Duration.ofSeconds(10))
			.get("created")
			.asBoolean()).as("the current code").isTrue();
		assertThat(this.scene.participations(event)).isEqualTo(2);
	}

	@Test
	void aCheckInScannedInsideTheWindowThatArrivesHoursLaterIsAcceptedOnceWithItsScanTime() {
		// ended two hours ago: the window (30 min after the end) closed an hour and a
		// half ago
		Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		long event = this.scene.event(start, Duration.ofHours(1), "live");
		long teacher = this.scene.teacher(this.scene.schoolB, "Офлайнова", "Мария", "Андреевна");
		RSocketRequester phone = connect(this.scene.accounts.teacher(teacher));
		Instant scanned = start.plus(Duration.ofMinutes(5));
		Map<String, Object> withoutSentAt = Map.of("clientId", UUID.randomUUID(), "code", qr(event, scanned),
				"scannedAt", scanned.toString());

		JsonNode first = checkIn(phone, event, withoutSentAt).block(Duration.ofSeconds(10));
		JsonNode again = checkIn(phone, event, withoutSentAt).block(Duration.ofSeconds(10));

		assertThat(first.get("created").asBoolean()).isTrue();
		assertThat(Instant.parse(first.at("/participation/recordedAt").asString())).isEqualTo(scanned);
		assertThat(again.get("created").asBoolean()).isFalse();
		assertThat(this.scene.participations(event)).isEqualTo(1);
	}

	@Test
	void theScanTimeIsTakenRelativeToThePhonesOwnClockWhenItSaysWhenItSent() {
		long event = this.scene.liveEvent();
		long teacher = this.scene.teacher(this.scene.schoolB, "Часова", "Нина", "Павловна");
		// the phone's clock is three hours behind: its own times are consistent, the
		// absolute ones wrong
		Instant phoneNow = Instant.now().minus(Duration.ofHours(3));
		Instant scannedByPhone = phoneNow.minus(Duration.ofSeconds(5));
		JsonNode result = checkIn(connect(this.scene.accounts.teacher(teacher)), event,
				Map.of("clientId", UUID.randomUUID(), "code", qr(event, Instant.now()), "scannedAt",
						scannedByPhone.toString(), "sentAt", phoneNow.toString()))
			.block(Duration.ofSeconds(10));

		Instant recorded = Instant.parse(result.at("/participation/recordedAt").asString());
		assertThat(recorded).isBetween(Instant.now().minus(Duration.ofSeconds(20)), Instant.now());
	}

	@Test
	void everyReasonForRefusingACheckInHasItsCodeOverRSocketAndHttpAndWritesNothing() {
		long event = this.scene.liveEvent();
		Instant now = Instant.now();
		long teacherB = this.scene.teacher(this.scene.schoolB, "Отказова", "Анна", "Сергеевна");
		TestAccounts.Account accountB = this.scene.accounts.teacher(teacherB);
		RSocketRequester phoneB = connect(accountB);
		long future = this.scene.event(now.plus(Duration.ofDays(2)), Duration.ofHours(1), "published");
		long cancelled = this.scene.liveEvent();
		this.scene.cancel(cancelled);
		long late = this.scene.event(now.minus(Duration.ofHours(40)), Duration.ofHours(1), "live");
		RSocketRequester stranger = connect(
				this.scene.accounts.teacher(this.scene.teacher(this.scene.schoolC, "Чужова", "Анна", "Сергеевна")));
		RSocketRequester coordinator = connect(this.scene.accounts.coordinator(this.scene.network));
		checkIn(phoneB, event,
				Map.of("clientId", UUID.randomUUID(), "code", qr(event, now), "scannedAt", now.toString()))
			.block(Duration.ofSeconds(10));
		long writes = this.scene.writes();

		JsonNode already = assertRefused(phoneB, event, qr(event, now), now, "already_checked_in");
		assertThat(already.get("checkedInAt").asString()).isNotBlank();
		long teacherB2 = this.scene.teacher(this.scene.schoolB, "Отказова2", "Анна", "Сергеевна");
		RSocketRequester phoneB2 = connect(this.scene.accounts.teacher(teacherB2));
		assertRefused(phoneB2, future, qr(future, now), now, "outside_window");
		assertRefused(phoneB2, late, qr(late, now.minus(Duration.ofHours(39))), now.minus(Duration.ofHours(39)),
				"outside_window");
		assertRefused(phoneB2, cancelled, qr(cancelled, now), now, "event_cancelled");
		assertRefused(phoneB2, Long.MAX_VALUE, "1-aaaaaaaaaaaaaaaa", now, "not_found");
		assertRefused(stranger, event, qr(event, now), now, "not_member");
		assertRefused(coordinator, event, qr(event, now), now, "forbidden");
		assertRefused(phoneB2, event, qr(event, now), now.plus(Duration.ofHours(1)), "bad_input");
		this.http.post()
			.uri("/api/events/{id}/check-ins", event)
			.headers(accountB::bearer)
			.bodyValue(Map.of("clientId", UUID.randomUUID(), "code", qr(event, now), "scannedAt", now.toString()))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("already_checked_in")
			.jsonPath("$.checkedInAt")
			.exists();

		assertThat(this.scene.writes()).as("rows written by refused check-ins").isEqualTo(writes);
	}

	@Test
	void checkInsArePerUserAndEventRateLimited() {
		long event = this.scene.liveEvent();
		long teacher = this.scene.teacher(this.scene.schoolB, "Спешкина", "Анна", "Сергеевна");
		RSocketRequester phone = connect(this.scene.accounts.teacher(teacher));
		Instant now = Instant.now();
		for (int i = 0; i < 10; i++) {
			assertRefused(phone, event, "000000", now, "code_invalid");
		}
		JsonNode refused = assertRefused(phone, event, qr(event, now), now, "too_many_attempts");
		assertThat(refused.get("retryAfter").asLong()).isPositive();
		assertThat(this.scene.participations(event)).isZero();
	}

	private JsonNode assertRefused(RSocketRequester phone, long event, String code, Instant scannedAt,
			String expected) {
		try {
			checkIn(phone, event,
					Map.of("clientId", UUID.randomUUID(), "code", code, "scannedAt", scannedAt.toString()))
				.block(Duration.ofSeconds(10));
			fail("expected " + expected);
			return null;
		}
		catch (ApplicationErrorException ex) {
			assertThat(ERROR.validate(ex.getMessage(), InputFormat.JSON)).as(ex.getMessage()).isEmpty();
			JsonNode error = this.json.readTree(ex.getMessage());
			assertThat(error.get("code").asString()).as(ex.getMessage()).isEqualTo(expected);
			return error;
		}
	}

	private static Mono<String> outcome(Mono<JsonNode> attempt) {
		return attempt.map((result) -> "ok")
			.onErrorResume(ApplicationErrorException.class, (ex) -> Mono
				.just(ex.getMessage().contains("already_checked_in") ? "already_checked_in" : ex.getMessage()));
	}

	private Mono<JsonNode> checkIn(RSocketRequester phone, long event, Map<String, Object> request) {
		return phone.route("attendance.{id}.check-in", event).data(request).retrieveMono(JsonNode.class);
	}

	private String qr(long event, Instant at) {
		return this.codes.qrToken(event, at).block();
	}

	private String word(long event, Instant at) {
		return this.codes.word(event, at).block();
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.tcpPort);
		this.requesters_.add(requester);
		return requester;
	}

}
