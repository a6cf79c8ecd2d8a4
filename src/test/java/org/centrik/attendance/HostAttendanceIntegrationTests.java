package org.centrik.attendance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the host of an event does with its attendance, on PostgreSQL: marks, undoes,
 * corrects with history and audit, imports participant lists, closes and exports — all
 * visible on the attendance stream — and what nobody else may do.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class HostAttendanceIntegrationTests {

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

	long event;

	TestAccounts.Account host;

	@BeforeEach
	void scene() {
		this.scene = new AttendanceScene(this.context);
		this.event = this.scene.liveEvent();
		this.host = this.scene.accounts.host(this.scene.teacher(this.scene.schoolA, "Ведущая", "Ольга", "Игоревна"),
				this.event);
	}

	@Test
	void marksUndosAndCorrectionsFlowThroughTheAttendanceStreamAndAreKeptInHistory() {
		long teacher = this.scene.teacher(this.scene.schoolB, "Отмечаева", "Анна", "Сергеевна");
		RSocketRequester requester = this.host.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.tcpPort);
		try {
			Flux<JsonNode> stream = requester.route("attendance.{id}.stream", this.event)
				.data(Map.of())
				.retrieveFlux(JsonNode.class);
			List<JsonNode> messages = stream.take(4)
				.mergeWith(reactor.core.publisher.Mono.delay(Duration.ofMillis(500))
					.then(command(requester, "mark",
							Map.of("clientId", UUID.randomUUID(), "teacherId", teacher, "role", "presenter")))
					.then(command(requester, "mark",
							Map.of("clientId", UUID.randomUUID(), "teacherId", teacher, "present", false)))
					.then(command(requester, "correct",
							Map.of("clientId", UUID.randomUUID(), "teacherId", teacher, "role", "listener", "reason",
									"Была на семинаре, отмечена ошибочно")))
					.thenMany(Flux.<JsonNode>empty()))
				.collectList()
				.block(Duration.ofSeconds(30));

			assertThat(messages)
				.extracting((message) -> message.get("kind").asString() + ":"
						+ (message.has("type") ? message.get("type").asString() : "")
						+ (message.has("data") && message.get("data").has("status") ? ":"
								+ message.at("/data/role").asString() + "/" + message.at("/data/status").asString()
								: ""))
				.containsExactly("snapshot:", "change:participation.recorded:presenter/present",
						"change:participation.corrected:presenter/removed",
						"change:participation.corrected:listener/present");
		}
		finally {
			requester.dispose();
		}
		assertThat(this.scene.count("""
				select count(*) from participation_corrections c join participations p on p.id = c.participation_id
				where p.event_id = :event""", this.event)).isEqualTo(2);
		assertThat(this.scene.count("select count(*) from audit_log where action = 'attendance_corrected'"
				+ " and details ->> 'event' = :event::text", this.event))
			.isEqualTo(1);
		this.http.get()
			.uri("/api/events/{id}/corrections", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[1].reason")
			.isEqualTo("Была на семинаре, отмечена ошибочно");
	}

	@Test
	void aRetriedMarkChangesNothingAndAStrangerCannotBeMarked() {
		long teacher = this.scene.teacher(this.scene.schoolB, "Повторова", "Анна", "Сергеевна");
		UUID clientId = UUID.randomUUID();
		Map<String, Object> undo = Map.of("clientId", clientId, "teacherId", teacher, "present", false);
		httpMark(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher)).expectStatus().isOk();
		httpMark(undo).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("removed");
		long writes = this.scene.writes();
		httpMark(undo).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("removed");
		assertThat(this.scene.writes()).isEqualTo(writes);

		long stranger = this.scene.teacher(this.scene.schoolC, "Чужая", "Анна", "Сергеевна");
		httpMark(Map.of("clientId", UUID.randomUUID(), "teacherId", stranger)).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_member");
		assertThat(this.scene.writes()).isEqualTo(writes);
	}

	@Test
	void theRosterListsRegisteredAndPresentTeachersAndSearchFindsWalkIns() {
		long registered = this.scene.teacher(this.scene.schoolB, "Записанная", "Анна", "Сергеевна");
		long walkIn = this.scene.teacher(this.scene.schoolB, "Пришедшая" + this.scene.tag, "Анна", "Сергеевна");
		this.scene.database.sql("insert into event_registrations (event_id, teacher_id) values (:event, :teacher)")
			.bind("event", this.event)
			.bind("teacher", registered)
			.then()
			.block();

		this.http.get()
			.uri("/api/events/{id}/roster", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].registration")
			.isEqualTo("registered");
		this.http.get()
			.uri((uri) -> uri.path("/api/events/{id}/roster")
				.queryParam("q", "пришедшая" + this.scene.tag)
				.build(this.event))
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].teacherId")
			.isEqualTo(walkIn);
	}

	@Test
	void anImportRecordsTheMatchedListsTheUnmatchedAndASecondImportChangesNothing() throws Exception {
		long byEmail = this.scene.teacher(this.scene.schoolB, "Почтова", "Анна", "Сергеевна");
		long byName = this.scene.teacher(this.scene.schoolA, "Именова" + this.scene.tag, "Елена", "Викторовна");
		String csv = String.join("\n", "ФИО;Email;Организация",
				"Почтова Анна Сергеевна;" + this.scene.email("Почтова").toUpperCase() + ";",
				"Елена Именова" + this.scene.tag + ";;" + this.scene.organisationName(this.scene.schoolA),
				"Неизвестная Ольга;nobody@example.org;Другая школа",
				"Почтова А.С.;" + this.scene.email("Почтова") + ";");

		JsonNode first = importFile("participants.csv", csv.getBytes(StandardCharsets.UTF_8));
		long writes = this.scene.writes();
		JsonNode second = importFile("participants.csv", csv.getBytes(StandardCharsets.UTF_8));

		assertThat(first.get("rows").asInt()).isEqualTo(4);
		assertThat(first.get("matched").asInt()).isEqualTo(2);
		assertThat(first.get("recorded").asInt()).isEqualTo(2);
		assertThat(first.get("unmatched").size()).isEqualTo(1);
		assertThat(first.at("/unmatched/0/row").asInt()).isEqualTo(4);
		assertThat(first.get("duplicates").size()).isEqualTo(1);
		assertThat(second.get("recorded").asInt()).isZero();
		assertThat(second.get("alreadyRecorded").asInt()).isEqualTo(2);
		assertThat(this.scene.writes()).isEqualTo(writes);
		assertThat(this.scene.count("select count(*) from participations where event_id = :event and method = 'import'",
				this.event))
			.isEqualTo(2);
		assertThat(List.of(byEmail, byName)).allMatch((teacher) -> this.scene.count(
				"select count(*) from participations where event_id = :event and teacher_id = " + teacher,
				this.event) == 1);
	}

	@Test
	void theHostResolvesUnmatchedRowsToTeachersInTheSameAllOrNothingImportWithoutDoubles() throws Exception {
		long matched = this.scene.teacher(this.scene.schoolB, "Найденова", "Анна", "Сергеевна");
		long chosen = this.scene.teacher(this.scene.schoolA, "Выбранова", "Мария", "Олеговна");
		long outsider = this.scene.teacher(this.scene.schoolC, "Чужакова", "Вера", "Павловна");
		String csv = String.join("\n", "ФИО;Email;Организация",
				"Найденова Анна Сергеевна;" + this.scene.email("Найденова") + ";", "Маша Выбранова (с телефона);;",
				"Кто-то Ещё;;");
		byte[] file = csv.getBytes(StandardCharsets.UTF_8);

		JsonNode dryRun = importFile("list.csv", file, null, true);
		assertThat(dryRun.get("unmatched").size()).isEqualTo(2);
		assertThat(dryRun.at("/unmatched/0/row").asInt()).isEqualTo(3);
		long before = this.scene.writes();

		// a teacher of a school outside the network: refused, nothing written, not even
		// the matched row
		importRequest("list.csv", file, "{\"3\": " + outsider + "}", false).expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("not_member");
		// a row that is not unmatched, or not in the file
		importRequest("list.csv", file, "{\"2\": " + chosen + "}", false).expectStatus().isBadRequest();
		importRequest("list.csv", file, "{\"9\": " + chosen + "}", false).expectStatus().isBadRequest();
		importRequest("list.csv", file, "[1, 2]", false).expectStatus().isBadRequest();
		assertThat(this.scene.writes()).isEqualTo(before);

		JsonNode first = importFile("list.csv", file, "{\"3\": " + chosen + "}", false);
		long afterFirst = this.scene.writes();
		JsonNode second = importFile("list.csv", file, "{\"3\": " + chosen + "}", false);

		assertThat(first.get("matched").asInt()).isEqualTo(2);
		assertThat(first.get("resolved").asInt()).isEqualTo(1);
		assertThat(first.get("recorded").asInt()).isEqualTo(2);
		assertThat(first.get("unmatched").size()).isEqualTo(1);
		assertThat(first.at("/unmatched/0/row").asInt()).isEqualTo(4);
		assertThat(second.get("recorded").asInt()).isZero();
		assertThat(second.get("alreadyRecorded").asInt()).isEqualTo(2);
		assertThat(this.scene.writes()).isEqualTo(afterFirst);
		assertThat(List.of(matched, chosen)).allMatch((teacher) -> this.scene.count(
				"select count(*) from participations where event_id = :event and teacher_id = " + teacher,
				this.event) == 1);
	}

	@Test
	void anXlsxParticipantListWithSeparateNameColumnsImportsToo() throws Exception {
		long teacher = this.scene.teacher(this.scene.schoolB, "Экселева", "Дарья", "Петровна");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(out, "test", "1.0");
		Worksheet sheet = workbook.newWorksheet("Участники");
		List<String> headings = List.of("Фамилия", "Имя", "Отчество", "Школа");
		for (int i = 0; i < headings.size(); i++) {
			sheet.value(0, i, headings.get(i));
		}
		List<String> row = List.of("Экселева", "Дарья", "Петровна", this.scene.organisationName(this.scene.schoolB));
		for (int i = 0; i < row.size(); i++) {
			sheet.value(1, i, row.get(i));
		}
		workbook.finish();

		JsonNode report = importFile("webinar.xlsx", out.toByteArray());

		assertThat(report.get("recorded").asInt()).isEqualTo(1);
		assertThat(this.scene.count(
				"select count(*) from participations where event_id = :event and teacher_id = " + teacher, this.event))
			.isEqualTo(1);
	}

	@Test
	void closingFinishesTheEventRefusesLaterScansAndTheRegisterExports() throws Exception {
		long teacher = this.scene.teacher(this.scene.schoolB, "Закрытова", "Анна", "Сергеевна");
		httpMark(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher)).expectStatus().isOk();

		this.http.post()
			.uri("/api/events/{id}/close", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("finished");
		long late = this.scene.teacher(this.scene.schoolB, "Опоздавшая", "Анна", "Сергеевна");
		TestAccounts.Account lateAccount = this.scene.accounts.teacher(late);
		Instant now = Instant.now().plusSeconds(1);
		this.http.post()
			.uri("/api/events/{id}/check-ins", this.event)
			.headers(lateAccount::bearer)
			.bodyValue(Map.of("clientId", UUID.randomUUID(), "code", this.codes.qrToken(this.event, now).block(),
					"scannedAt", now.toString()))
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("outside_window");

		String csv = this.http.get()
			.uri("/api/events/{id}/attendance.csv", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(csv).contains("Закрытова Анна Сергеевна").contains("слушатель");
		byte[] xlsx = this.http.get()
			.uri("/api/events/{id}/attendance.xlsx", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			assertThat(workbook.getFirstSheet().read().stream().map((row) -> row.getCellText(1))).contains("ФИО",
					"Закрытова Анна Сергеевна");
		}
	}

	@Test
	void theHostsScreenShowsTheCurrentCodesAndOnlyTheHostAndTheCoordinatorSeeThem() {
		JsonNode code = this.http.get()
			.uri("/api/events/{id}/code", this.event)
			.headers(this.host::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		// the web UI's check-in page (a hash route) with the token
		assertThat(code.at("/qr/url").asString())
			.endsWith("/#/checkin/" + this.event + "?code=" + code.at("/qr/token").asString());
		assertThat(code.at("/word/code").asString()).matches("[0-9]{6}");
		assertThat(code.at("/qr/rotatesInSeconds").asInt()).isBetween(1, 20);
		assertThat(code.get("open").asBoolean()).isTrue();

		this.http.get()
			.uri("/api/events/{id}/code", this.event)
			.headers(this.scene.accounts.coordinator(this.scene.network)::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get().uri("/api/events/{id}/code", this.event).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void nobodyButTheHostAndTheCoordinatorMarksCorrectsImportsOrClosesAndDeniedCallsWriteNothing() {
		long teacher = this.scene.teacher(this.scene.schoolB, "Запретова", "Анна", "Сергеевна");
		List<TestAccounts.Account> denied = List.of(this.scene.accounts.admin(this.scene.schoolA),
				this.scene.accounts.teacher(teacher), this.scene.accounts.expert(this.scene.network),
				this.scene.accounts.coordinator(this.scene.fixtures.network(this.scene.schoolC)));
		long writes = this.scene.writes();
		for (TestAccounts.Account account : denied) {
			this.http.get()
				.uri("/api/events/{id}/code", this.event)
				.headers(account::bearer)
				.exchange()
				.expectStatus()
				.isForbidden();
			this.http.post()
				.uri("/api/events/{id}/marks", this.event)
				.headers(account::bearer)
				.bodyValue(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher))
				.exchange()
				.expectStatus()
				.isForbidden();
			this.http.post()
				.uri("/api/events/{id}/corrections", this.event)
				.headers(account::bearer)
				.bodyValue(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher, "reason", "Хочу"))
				.exchange()
				.expectStatus()
				.isForbidden();
			this.http.post()
				.uri("/api/events/{id}/close", this.event)
				.headers(account::bearer)
				.exchange()
				.expectStatus()
				.isForbidden();
			MultipartBodyBuilder body = new MultipartBodyBuilder();
			body.part("file",
					new ByteArrayResource("ФИО\nЗапретова Анна Сергеевна\n".getBytes(StandardCharsets.UTF_8)) {
						@Override
						public String getFilename() {
							return "list.csv";
						}
					});
			this.http.post()
				.uri("/api/events/{id}/imports", this.event)
				.headers(account::bearer)
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(body.build()))
				.exchange()
				.expectStatus()
				.isForbidden();
			RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
				.tcp("localhost", this.tcpPort);
			try {
				Throwable error = requester.route("attendance.{id}.mark", this.event)
					.data(Map.of("clientId", UUID.randomUUID(), "teacherId", teacher))
					.retrieveMono(JsonNode.class)
					.then(reactor.core.publisher.Mono.<Throwable>empty())
					.onErrorResume(reactor.core.publisher.Mono::just)
					.block(Duration.ofSeconds(10));
				assertThat(error).isInstanceOf(ApplicationErrorException.class);
				assertThat(this.json.readTree(error.getMessage()).get("code").asString()).isEqualTo("forbidden");
			}
			finally {
				requester.dispose();
			}
		}
		// the admin of a host organisation reads the register, as the table says
		this.http.get()
			.uri("/api/events/{id}/attendance.csv", this.event)
			.headers(denied.get(0)::bearer)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.scene.writes()).as("rows written by denied calls").isEqualTo(writes);
	}

	private reactor.core.publisher.Mono<JsonNode> command(RSocketRequester requester, String route,
			Map<String, Object> request) {
		return requester.route("attendance.{id}." + route, this.event).data(request).retrieveMono(JsonNode.class);
	}

	private WebTestClient.ResponseSpec httpMark(Map<String, Object> request) {
		return this.http.post()
			.uri("/api/events/{id}/marks", this.event)
			.headers(this.host::bearer)
			.bodyValue(request)
			.exchange();
	}

	private JsonNode importFile(String name, byte[] content) {
		return importFile(name, content, null, false);
	}

	private JsonNode importFile(String name, byte[] content, String resolutions, boolean dryRun) {
		return importRequest(name, content, resolutions, dryRun).expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private WebTestClient.ResponseSpec importRequest(String name, byte[] content, String resolutions, boolean dryRun) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", new ByteArrayResource(content) {
			@Override
			public String getFilename() {
				return name;
			}
		});
		if (resolutions != null) {
			body.part("resolutions", resolutions);
		}
		return this.http.post()
			.uri((uri) -> uri.path("/api/events/{id}/imports").queryParam("dryRun", dryRun).build(this.event))
			.headers(this.host::bearer)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange();
	}

}
