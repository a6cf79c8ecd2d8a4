package org.centrik.matrix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.centrik.security.TestAccounts;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the "Issue 6" rows of the authorization table in {@code docs/security.md}: every
 * allowed pair succeeds, every denied pair is refused (401 or 403) and writes nothing.
 * <p>
 * The scene ({@link MatrixScene}): network N with member schools A (applicant), X
 * (executor of practice P) and B; the teacher is of A; coordinator M runs another
 * network.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatrixAuthorizationTableIntegrationTests {

	private static final List<String> CALLERS = List.of("anonymous", "teacherA", "adminA", "adminX", "adminB",
			"coordinatorN", "coordinatorM");

	private static final String TABLE = """
			                                     anon tchA admA admX admB crdN crdM
			POST /api/organisations               —    —    —    —    —    ✓    ✓
			POST /api/networks/{N}/agreements     —    —    —    —    —    ✓    —
			PUT  /api/organisations/{A}           —    —    ✓    —    —    ✓    —
			POST /api/practices                   —    —    ✓    —    —    ✓    —
			PUT  /api/practices/{PA}              —    —    ✓    —    —    ✓    —
			POST /api/requests                    —    —    ✓    —    —    ✓    —
			POST /api/requests/{R}/accept         —    —    —    ✓    —    ✓    —
			POST /api/requests/{R}/decline        —    —    —    ✓    —    ✓    —
			POST /api/requests/{R}/withdraw       —    —    ✓    —    —    ✓    —
			GET  /api/requests?network={N}        —    ✓    ✓    ✓    ✓    ✓    —
			GET  /api/networks/{N}/matrix         —    ✓    ✓    ✓    ✓    ✓    —
			GET  /api/networks/{N}/matrix.xlsx    —    ✓    ✓    ✓    ✓    ✓    —
			GET  /api/requests.csv?network={N}    —    ✓    ✓    ✓    ✓    ✓    —
			""";

	@Autowired
	ApplicationContext context;

	@Autowired
	WebTestClient http;

	@Autowired
	Requests requests;

	MatrixScene scene;

	long practiceOfA;

	private final Map<String, TestAccounts.Account> accounts = new LinkedHashMap<>();

	@BeforeAll
	void scene() {
		this.scene = new MatrixScene(this.context);
		this.practiceOfA = this.scene.practice(this.scene.applicant, "Практика школы А", "Воспитание");
		long otherNetwork = this.scene.fixtures.network(this.scene.fixtures.organisation("Другой ИМЦ"));
		this.accounts.put("teacherA",
				this.scene.users.teacher(this.scene.fixtures.teacher(this.scene.applicant, "Учителева")));
		this.accounts.put("adminA", this.scene.applicantAdmin);
		this.accounts.put("adminX", this.scene.executorAdmin);
		this.accounts.put("adminB", this.scene.bystanderAdmin);
		this.accounts.put("coordinatorN", this.scene.coordinator);
		this.accounts.put("coordinatorM", this.scene.users.coordinator(otherNetwork));
	}

	static Stream<Arguments> table() {
		List<Arguments> pairs = new ArrayList<>();
		for (String line : TABLE.strip().lines().skip(1).toList()) {
			String[] cells = line.trim().split("\\s+");
			for (int i = 0; i < CALLERS.size(); i++) {
				pairs.add(Arguments.of(cells[0], cells[1], CALLERS.get(i), cells[2 + i].equals("✓")));
			}
		}
		return pairs.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {2}: allowed {3}")
	@MethodSource("table")
	void everyPairOfTheTableIsEnforced(String method, String path, String caller, boolean allowed) {
		String resolved = path.replace("{N}", String.valueOf(this.scene.network))
			.replace("{A}", String.valueOf(this.scene.applicant))
			.replace("{PA}", String.valueOf(this.practiceOfA))
			.replace("{R}", String.valueOf(path.contains("{R}") ? freshRequest() : 0));
		long writesBefore = this.scene.writes();
		WebTestClient.RequestBodySpec request = this.http.method(HttpMethod.valueOf(method)).uri(resolved);
		TestAccounts.Account account = this.accounts.get(caller);
		if (account != null) {
			request.headers(account::bearer);
		}
		Object body = body(method, path);
		WebTestClient.ResponseSpec response = ((body != null) ? request.bodyValue(body) : request).exchange();
		if (allowed) {
			response.expectStatus().is2xxSuccessful();
			return;
		}
		if (account == null) {
			response.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.code")
				.value((code) -> assertThat(code).isEqualTo("unauthenticated"));
		}
		else {
			response.expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("forbidden");
		}
		assertThat(this.scene.writes()).as("rows written by the call").isEqualTo(writesBefore);
	}

	private long freshRequest() {
		return this.requests.submit(this.scene.request(2025), this.scene.asCoordinator()).block().request().id();
	}

	private Object body(String method, String path) {
		if (method.equals("GET")) {
			return null;
		}
		String unique = UUID.randomUUID().toString().substring(0, 8);
		if (path.equals("/api/organisations")) {
			return Map.of("name", "Новая школа " + unique, "kind", "school", "municipality", "Тестовый район");
		}
		if (path.startsWith("/api/organisations/")) {
			return Map.of("name", "Школа-заявитель " + unique, "kind", "school", "municipality", "Тестовый район",
					"labels", List.of("kip"));
		}
		if (path.endsWith("/agreements")) {
			return Map.of("organisationId", this.scene.bystander, "number", "Д-" + unique, "signedOn",
					LocalDate.now().toString(), "validFrom", LocalDate.now().toString());
		}
		if (path.startsWith("/api/practices")) {
			return Map.of("networkId", this.scene.network, "organisationId", this.scene.applicant, "title",
					"Практика " + unique, "direction", "Воспитание", "levels", List.of("general"));
		}
		if (path.equals("/api/requests")) {
			return Map.of("clientId", UUID.randomUUID(), "practiceId", this.scene.practice, "applicantId",
					this.scene.applicant, "schoolYear", 2025);
		}
		return Map.of("reason", "Причина");
	}

}
