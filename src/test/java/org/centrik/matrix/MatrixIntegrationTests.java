package org.centrik.matrix;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.rsocket.exceptions.ApplicationErrorException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.test.StepVerifier;
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

/**
 * The matrix of a network for a school year: its table with totals and attention list,
 * the same table in XLSX (read back with Apache POI) and CSV, the live stream that every
 * change reaches, and the request commands over RSocket.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatrixIntegrationTests {

	private static final int YEAR = 2025;

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Autowired
	Requests requests;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	JsonMapper json;

	@LocalRSocketServerPort
	int tcpPort;

	MatrixScene scene;

	RSocketRequester requester;

	long secondPractice;

	@BeforeAll
	void scene() {
		this.scene = new MatrixScene(this.context);
		this.secondPractice = this.scene.practice(this.scene.bystander, "Проектная лаборатория",
				"Проектная деятельность");
		submit(this.scene.practice, this.scene.applicant, this.scene.applicantAdmin);
		long accepted = submit(this.scene.practice, this.scene.applicant, this.scene.applicantAdmin);
		this.requests.accept(accepted, null, this.scene.asCoordinator()).block();
		long declined = submit(this.scene.practice, this.scene.applicant, this.scene.applicantAdmin);
		this.requests.decline(declined, "Причина; с «кавычками»", null, this.scene.asCoordinator()).block();
		submit(this.secondPractice, this.scene.executor, this.scene.executorAdmin);
		this.scene.database.sql("update requests set submitted_at = now() - interval '20 days' where id = :id")
			.bind("id", submit(this.secondPractice, this.scene.applicant, this.scene.applicantAdmin))
			.then()
			.block();
	}

	@AfterEach
	void disconnect() {
		if (this.requester != null) {
			this.requester.dispose();
		}
	}

	@Test
	void theMatrixHasCellsTotalsAndTheRequestsThatNeedAttention() {
		JsonNode matrix = matrix("");
		assertThat(matrix.get("total").asInt()).isEqualTo(5);
		assertThat(matrix.get("rows")).hasSize(2);
		assertThat(matrix.get("columns")).hasSize(2);
		JsonNode applicantRow = find(matrix.get("rows"), this.scene.applicant);
		assertThat(applicantRow.get("total").asInt()).isEqualTo(4);
		JsonNode executorColumn = find(matrix.get("columns"), this.scene.executor);
		assertThat(executorColumn.get("total").asInt()).isEqualTo(3);
		JsonNode cell = cell(matrix, this.scene.applicant, this.scene.executor);
		assertThat(cell.get("total").asInt()).isEqualTo(3);
		assertThat(cell.get("states").get("accepted").asInt()).isEqualTo(1);
		assertThat(cell.get("requests")).hasSize(3);
		assertThat(matrix.get("states").get("submitted").asInt()).isEqualTo(3);
		List<String> reasons = new ArrayList<>();
		matrix.get("attention").forEach((item) -> reasons.add(item.get("reason").asString()));
		assertThat(reasons).containsExactly("no_answer", "no_event");

		JsonNode byPractice = matrix("&by=practices&state=submitted");
		assertThat(byPractice.get("by").asString()).isEqualTo("practices");
		assertThat(byPractice.get("total").asInt()).isEqualTo(3);
		assertThat(find(byPractice.get("columns"), this.secondPractice).get("detail").asString())
			.contains("Школа-наблюдатель");
		assertThat(matrix("&direction=Проектная деятельность").get("total").asInt()).isEqualTo(2);
		assertThat(matrix("&organisation=" + this.scene.bystander).get("total").asInt()).isEqualTo(2);
	}

	@Test
	void theXlsxExportReadBackEqualsTheApi() throws IOException {
		JsonNode matrix = matrix("");
		List<Request> list = this.http.get()
			.uri("/api/requests?network={n}&year={y}", this.scene.network, YEAR)
			.headers(this.scene.bystanderAdmin::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Request.class)
			.returnResult()
			.getResponseBody();
		byte[] xlsx = this.http.get()
			.uri("/api/networks/{n}/matrix.xlsx?year={y}", this.scene.network, YEAR)
			.headers(this.scene.bystanderAdmin::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(RequestController.XLSX)
			.expectHeader()
			.valueMatches("Content-Disposition", "attachment; filename=\"matrix-\\d+-2025.xlsx\"")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();

		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet grid = workbook.getSheet("Матрица");
			assertThat(text(grid.getRow(0).getCell(0))).isEqualTo("Заявитель \\ Исполнитель");
			List<String> columnNames = new ArrayList<>();
			matrix.get("columns").forEach((column) -> columnNames.add(column.get("name").asString()));
			for (int c = 0; c < columnNames.size(); c++) {
				assertThat(text(grid.getRow(0).getCell(c + 1))).isEqualTo(columnNames.get(c));
			}
			for (int r = 0; r < matrix.get("rows").size(); r++) {
				JsonNode row = matrix.get("rows").get(r);
				Row line = grid.getRow(r + 1);
				assertThat(text(line.getCell(0))).isEqualTo(row.get("name").asString());
				for (int c = 0; c < columnNames.size(); c++) {
					JsonNode cell = cell(matrix, row.get("id").asLong(),
							matrix.get("columns").get(c).get("id").asLong());
					Cell read = line.getCell(c + 1);
					if (cell == null) {
						assertThat(read).isNull();
					}
					else {
						assertThat(read.getNumericCellValue()).isEqualTo(cell.get("total").asInt());
					}
				}
				assertThat(line.getCell(columnNames.size() + 1).getNumericCellValue())
					.isEqualTo(row.get("total").asInt());
			}
			Row totals = grid.getRow(matrix.get("rows").size() + 1);
			assertThat(text(totals.getCell(0))).isEqualTo("Итого");
			assertThat(totals.getCell(columnNames.size() + 1).getNumericCellValue())
				.isEqualTo(matrix.get("total").asInt());

			Sheet requestSheet = workbook.getSheet("Заявки");
			assertThat(text(requestSheet.getRow(0).getCell(0))).isEqualTo("Номер заявки");
			assertThat(text(requestSheet.getRow(0).getCell(10))).isEqualTo("Состояние");
			assertThat(requestSheet.getLastRowNum()).isEqualTo(list.size());
			for (int r = 0; r < list.size(); r++) {
				Request request = list.get(r);
				Row line = requestSheet.getRow(r + 1);
				assertThat(Long.parseLong(text(line.getCell(0)))).isEqualTo(request.id());
				assertThat(text(line.getCell(1))).isEqualTo("2025/26");
				assertThat(text(line.getCell(2))).isEqualTo(request.applicantName());
				assertThat(text(line.getCell(3))).isEqualTo(request.executorName());
				assertThat(text(line.getCell(4))).isEqualTo(request.practiceTitle());
				assertThat(text(line.getCell(5))).isEqualTo(request.direction());
				assertThat(text(line.getCell(6))).isEqualTo("мастер-класс");
				assertThat((int) line.getCell(9).getNumericCellValue()).isEqualTo(request.teachersCount());
				assertThat(text(line.getCell(10))).isEqualTo(request.state().russian());
				assertThat(text(line.getCell(11)))
					.isEqualTo((request.declineReason() != null) ? request.declineReason() : "");
			}
			assertThat(workbook.getSheet("Требуют внимания").getLastRowNum()).isEqualTo(matrix.get("attention").size());
		}
	}

	@Test
	void theCsvExportsHaveRussianHeadersAndQuoteWhatTheyMust() {
		String csv = new String(this.http.get()
			.uri("/api/requests.csv?network={n}&year={y}&state=declined", this.scene.network, YEAR)
			.headers(this.scene.coordinator::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFFНомер заявки;Учебный год;Заявитель;Исполнитель;Практика;");
		assertThat(csv).contains(";отклонена;\"Причина; с «кавычками»\";");
		assertThat(csv.split("\r\n")).hasSize(2);
		String grid = new String(this.http.get()
			.uri("/api/networks/{n}/matrix.csv?year={y}", this.scene.network, YEAR)
			.headers(this.scene.coordinator::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(grid).startsWith("\uFEFFЗаявитель \\ Исполнитель;");
		JsonNode matrix = matrix("");
		StringBuilder totals = new StringBuilder("Итого");
		matrix.get("columns").forEach((column) -> totals.append(';').append(column.get("total").asInt()));
		assertThat(grid.strip()).endsWith(totals.append(';').append(matrix.get("total").asInt()).toString());
	}

	@Test
	void everyChangeOfARequestArrivesOnTheMatrixStream() {
		MatrixScene scene = new MatrixScene(this.context);
		long earlier = submit(scene, scene.practice, scene.applicant, scene.applicantAdmin);
		connect(scene.bystanderAdmin);
		long[] id = new long[1];
		// the change can reach the stream before the submitting call has its answer:
		// the request's id is taken from the change, and compared once both are in
		long[] streamed = new long[1];
		this.requester.route("matrix.{n}.{y}.stream", scene.network, YEAR)
			.data(Map.of())
			.retrieveFlux(String.class)
			.map(this.json::readTree)
			.as(StepVerifier::create)
			.assertNext((snapshot) -> {
				assertThat(snapshot.get("kind").asString()).isEqualTo("snapshot");
				assertThat(snapshot.get("data").get("requests")).singleElement()
					.satisfies((request) -> assertThat(request.get("id").asLong()).isEqualTo(earlier));
			})
			.then(() -> id[0] = submit(scene, scene.practice, scene.applicant, scene.applicantAdmin))
			.assertNext((change) -> {
				assertThat(change.get("type").asString()).isEqualTo("request.changed");
				assertThat(change.get("data").get("id").asLong()).isNotEqualTo(earlier);
				assertThat(change.get("data").get("state").asString()).isEqualTo("submitted");
				streamed[0] = change.get("data").get("id").asLong();
			})
			.then(() -> this.http.post()
				.uri("/api/requests/{id}/accept", streamed[0])
				.headers(scene.executorAdmin::bearer)
				.exchange()
				.expectStatus()
				.isOk())
			.assertNext((change) -> {
				assertThat(change.get("data").get("id").asLong()).isEqualTo(streamed[0]);
				assertThat(change.get("data").get("state").asString()).isEqualTo("accepted");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		assertThat(streamed[0]).as("the change streamed is the request submitted").isEqualTo(id[0]);
	}

	@Test
	void requestCommandsOverRSocketAnswerWithTheRequestOrAnErrorFrame() {
		MatrixScene scene = new MatrixScene(this.context);
		connect(scene.applicantAdmin);
		UUID clientId = UUID.randomUUID();
		Map<String, Object> body = Map.of("clientId", clientId, "practiceId", scene.practice, "applicantId",
				scene.applicant, "schoolYear", YEAR, "teachersCount", 3);
		JsonNode submitted = this.requester.route("requests.submit")
			.data(body)
			.retrieveMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		assertThat(submitted.get("state").asString()).isEqualTo("submitted");
		JsonNode retried = this.requester.route("requests.submit")
			.data(body)
			.retrieveMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		assertThat(retried.get("id").asLong()).isEqualTo(submitted.get("id").asLong());

		long id = submitted.get("id").asLong();
		assertThat(error(this.requester.route("requests.{id}.accept", id).data(Map.of())).get("code").asString())
			.isEqualTo("forbidden");
		JsonNode withdrawn = this.requester.route("requests.{id}.withdraw", id)
			.data(Map.of())
			.retrieveMono(JsonNode.class)
			.block(Duration.ofSeconds(10));
		assertThat(withdrawn.get("state").asString()).isEqualTo("withdrawn");
		assertThat(error(this.requester.route("requests.{id}.withdraw", id).data(Map.of())).get("code").asString())
			.isEqualTo("illegal_transition");
		assertThat(error(this.requester.route("requests.{id}.withdraw", Long.MAX_VALUE).data(Map.of())).get("code")
			.asString()).isEqualTo("not_found");
	}

	private JsonNode error(RSocketRequester.RetrieveSpec request) {
		try {
			request.retrieveMono(JsonNode.class).block(Duration.ofSeconds(10));
		}
		catch (ApplicationErrorException ex) {
			return this.json.readTree(ex.getMessage());
		}
		throw new AssertionError("expected an error frame");
	}

	private void connect(org.centrik.security.TestAccounts.Account account) {
		this.requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.tcpPort);
	}

	private long submit(long practice, long applicant, org.centrik.security.TestAccounts.Account admin) {
		return submit(this.scene, practice, applicant, admin);
	}

	private long submit(MatrixScene scene, long practice, long applicant,
			org.centrik.security.TestAccounts.Account admin) {
		NewRequest request = new NewRequest(UUID.randomUUID(), practice, applicant, "master_class", null, null, 5, null,
				YEAR);
		return this.requests.submit(request, scene.asAdmin(admin, applicant)).block().request().id();
	}

	private JsonNode matrix(String query) {
		String body = this.http.get()
			.uri("/api/networks/" + this.scene.network + "/matrix?year=" + YEAR + query)
			.headers(this.scene.bystanderAdmin::bearer)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

	private static JsonNode find(JsonNode headers, long id) {
		for (JsonNode header : headers) {
			if (header.get("id").asLong() == id) {
				return header;
			}
		}
		throw new AssertionError("no header " + id + " in " + headers);
	}

	private static JsonNode cell(JsonNode matrix, long applicant, long column) {
		for (JsonNode cell : matrix.get("cells")) {
			if (cell.get("applicantId").asLong() == applicant && cell.get("columnId").asLong() == column) {
				return cell;
			}
		}
		return null;
	}

	private static String text(Cell cell) {
		return (cell != null) ? new DataFormatter().formatCellValue(cell) : "";
	}

}
