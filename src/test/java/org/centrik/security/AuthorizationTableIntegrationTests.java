package org.centrik.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the authorization table of {@code docs/security.md} ("Now" rows) for HTTP and for
 * RSocket: every allowed pair succeeds, every denied pair is refused (401 or 403;
 * {@code REJECTED_SETUP} or a {@code forbidden} error frame) and writes nothing.
 * <p>
 * The scene: network N with member schools A (hosts the live event E) and B; network M
 * with member school C. The host is a teacher of B appointed to E.
 */
@IntegrationTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationTableIntegrationTests {

	/** The columns, in the order of every row below. */
	private static final List<String> CALLERS = List.of("anonymous", "teacherA", "teacherC", "adminA", "adminB",
			"adminC", "host", "expertN", "coordinatorN", "coordinatorM");

	/**
	 * The table: ✓ allowed, — denied. Each row is one endpoint or route, with what it
	 * reads, over HTTP ({@code GET …}) or RSocket (a route).
	 */
	private static final String TABLE = """
			                                   anon tchA tchC admA admB admC host expN crdN crdM
			GET /api/networks/{N}               —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/organisations/{A}          —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/practices/{P}              —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/events/{E}                 —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/events/{E}/participations  —    ✓    —    ✓    ✓    —    ✓    —    ✓    —
			GET /api/live/matrix.{N}.2025       —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/live/events.upcoming.{N}   —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			GET /api/live/attendance.{E}        —    —    —    ✓    —    —    ✓    —    ✓    —
			GET /api/live/cards.{TA}            —    ✓    —    ✓    —    —    —    —    ✓    —
			GET /api/teachers/{TA}/card         —    ✓    —    ✓    —    —    —    —    ✓    —
			GET /api/organisations/{A}/teachers —    —    —    ✓    —    —    —    —    ✓    —
			GET /actuator/prometheus            —    —    —    —    —    —    —    —    ✓    ✓
			GET /actuator/health                ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
			matrix.{N}.2025.stream              —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			events.upcoming.{N}.stream          —    ✓    —    ✓    ✓    —    ✓    ✓    ✓    —
			attendance.{E}.stream               —    —    —    ✓    —    —    ✓    —    ✓    —
			cards.{TA}.stream                   —    ✓    —    ✓    —    —    —    —    ✓    —
			""";

	@LocalServerPort
	int httpPort;

	@LocalRSocketServerPort
	int tcpPort;

	@Autowired
	WebTestClient http;

	@Autowired
	ObjectProvider<RSocketRequester.Builder> requesters;

	@Autowired
	DatabaseClient database;

	@Autowired
	ApplicationContext context;

	@Autowired
	JsonMapper json;

	private final Map<String, String> ids = new LinkedHashMap<>();

	private final Map<String, TestAccounts.Account> accounts = new LinkedHashMap<>();

	@BeforeAll
	void scene() {
		Fixtures fixtures = new Fixtures(this.database);
		long a = fixtures.organisation("Школа А");
		long b = fixtures.organisation("Школа Б");
		long c = fixtures.organisation("Школа В");
		long n = fixtures.network(a);
		long m = fixtures.network(c);
		fixtures.member(n, a);
		fixtures.member(n, b);
		fixtures.member(m, c);
		long event = fixtures.liveEvent(n, a);
		long teacherA = fixtures.teacher(a, "Андреева");
		long practice = this.database.sql("""
				insert into practices (network_id, organisation_id, title, direction, levels, declared_on)
				values (:network, :organisation, 'Практика', 'Цифровая школа', '{general}', current_date) returning id
				""").bind("network", n).bind("organisation", a).map((row) -> row.get("id", Long.class)).one().block();
		this.ids.putAll(Map.of("{N}", String.valueOf(n), "{A}", String.valueOf(a), "{E}", String.valueOf(event), "{P}",
				String.valueOf(practice), "{TA}", String.valueOf(teacherA)));
		TestAccounts users = new TestAccounts(this.context);
		this.accounts.put("teacherA", users.teacher(teacherA));
		this.accounts.put("teacherC", users.teacher(fixtures.teacher(c, "Сидорова")));
		this.accounts.put("adminA", users.admin(a));
		this.accounts.put("adminB", users.admin(b));
		this.accounts.put("adminC", users.admin(c));
		this.accounts.put("host", users.host(fixtures.teacher(b, "Хостова"), event));
		this.accounts.put("expertN", users.expert(n));
		this.accounts.put("coordinatorN", users.coordinator(n));
		this.accounts.put("coordinatorM", users.coordinator(m));
	}

	static Stream<Arguments> table() {
		List<Arguments> pairs = new ArrayList<>();
		for (String line : TABLE.strip().lines().skip(1).toList()) {
			String[] cells = line.trim().split("\\s+");
			boolean http = cells[0].equals("GET");
			String what = http ? cells[1] : cells[0];
			int first = http ? 2 : 1;
			for (int i = 0; i < CALLERS.size(); i++) {
				pairs.add(Arguments.of(http ? "HTTP" : "RSocket", what, CALLERS.get(i), cells[first + i].equals("✓")));
			}
		}
		return pairs.stream();
	}

	@ParameterizedTest(name = "{0} {1} as {2}: allowed {3}")
	@MethodSource("table")
	void everyPairOfTheTableIsEnforced(String transport, String what, String caller, boolean allowed) {
		String resolved = resolve(what);
		long writesBefore = writes();
		if (transport.equals("HTTP")) {
			http(resolved, this.accounts.get(caller), allowed);
		}
		else {
			rsocket(resolved, this.accounts.get(caller), allowed);
		}
		assertThat(writes()).as("rows written by the call").isEqualTo(writesBefore);
	}

	private void http(String path, TestAccounts.Account account, boolean allowed) {
		WebTestClient.RequestHeadersSpec<?> request = this.http.get()
			.uri(path)
			.accept(path.startsWith("/api/live/")
					? new MediaType[] { MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON }
					: new MediaType[] { MediaType.ALL });
		if (account != null) {
			request = request.headers(account::bearer);
		}
		WebTestClient.ResponseSpec response = request.exchange();
		if (allowed) {
			response.expectStatus().is2xxSuccessful();
			if (path.startsWith("/api/live/")) {
				response.returnResult(String.class).getResponseBody().blockFirst(Duration.ofSeconds(10));
			}
		}
		else if (account == null) {
			response.expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
		}
		else {
			response.expectStatus().isForbidden();
			String body = response.expectBody(String.class).returnResult().getResponseBody();
			assertThat(body).as("403 body").contains("\"code\":\"forbidden\"");
		}
	}

	private void rsocket(String route, TestAccounts.Account account, boolean allowed) {
		RSocketRequester.Builder builder = this.requesters.getObject().dataMimeType(MediaType.APPLICATION_JSON);
		RSocketRequester requester = ((account != null) ? account.setup(builder) : builder).tcp("localhost",
				this.tcpPort);
		try {
			Function<Throwable, String> code = (error) -> this.json.readTree(error.getMessage()).get("code").asString();
			if (allowed) {
				JsonNode first = requester.route(route)
					.data(Map.of())
					.retrieveFlux(JsonNode.class)
					.blockFirst(Duration.ofSeconds(10));
				assertThat(first.get("kind").asString()).isEqualTo("snapshot");
				return;
			}
			Throwable error = requester.route(route)
				.data(Map.of())
				.retrieveFlux(JsonNode.class)
				.then()
				.map((nothing) -> (Throwable) null)
				.onErrorResume(Mono::just)
				.block(Duration.ofSeconds(10));
			if (account == null) {
				assertThat(error).isInstanceOf(RejectedSetupException.class);
				assertThat(code.apply(error)).isEqualTo("unauthenticated");
			}
			else {
				assertThat(error).isInstanceOf(ApplicationErrorException.class);
				assertThat(code.apply(error)).isEqualTo("forbidden");
			}
		}
		finally {
			requester.dispose();
		}
	}

	private String resolve(String what) {
		String resolved = what;
		for (Map.Entry<String, String> id : this.ids.entrySet()) {
			resolved = resolved.replace(id.getKey(), id.getValue());
		}
		return resolved;
	}

	/**
	 * Every row the server could write on behalf of a call: a changed count fails. The
	 * cards' {@code progress.changed} rows are left out: recognition writes them in the
	 * background, about a second after an earlier test's participations.
	 */
	private long writes() {
		return this.database
			.sql("""
					select (select count(*) from change_log where type <> 'progress.changed') + (select count(*) from participations)
					     + (select count(*) from refresh_tokens) + (select count(*) from users) as total
					""")
			.map((row) -> row.get("total", Long.class))
			.one()
			.block();
	}

}
