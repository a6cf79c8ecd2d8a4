package org.centrik;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TestAccounts;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed, oversized, wrongly typed and hostile input, generated from a fixed seed
 * ({@code -Dfuzz.seed}, {@code -Dfuzz.cases} per surface), against the HTTP endpoints and
 * RSocket routes that write, as an authenticated user: every answer is a 4xx problem
 * detail or an error frame with a code (never a 500, never {@code internal}), and nothing
 * is written.
 * <p>
 * A seeded generator rather than jqwik: jqwik 1.x runs on JUnit Platform 1.x, and Spring
 * Boot 4 brings JUnit 6; jqwik's announced Platform 6 line needs Java 21.
 */
@IntegrationTest
@AutoConfigureWebTestClient
class HostileInputIntegrationTests {

	private static final long SEED = Long.getLong("fuzz.seed", 20261122L);

	private static final int CASES = Integer.getInteger("fuzz.cases", 30);

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalRSocketServerPort
	int tcpPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	RSocketRequester.Builder requesters;

	@Autowired
	WebTestClient http;

	@Autowired
	ApplicationContext context;

	@Autowired
	DatabaseClient database;

	TestAccounts accounts;

	TestAccounts.Account coordinator;

	long event;

	Fixtures fixtures;

	long school;

	final List<RSocketRequester> connections = new ArrayList<>();

	final List<String> findings = new ArrayList<>();

	@BeforeEach
	void scene() {
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
		this.accounts = new TestAccounts(this.context);
		this.coordinator = this.accounts.coordinatorOfAll();
		this.fixtures = new Fixtures(this.database);
		this.school = this.fixtures.organisation("Фаззинг");
		long network = this.fixtures.network(this.school);
		this.fixtures.member(network, this.school);
		this.event = this.fixtures.liveEvent(network, this.school);
	}

	@AfterEach
	void disconnect() {
		this.connections.forEach(RSocketRequester::dispose);
	}

	@Test
	void hostileHttpBodiesAreRefusedWithProblemDetailsAndWriteNothing() {
		Hostile hostile = new Hostile(new Random(SEED));
		long before = writes();
		for (int i = 0; i < CASES; i++) {
			post("/api/auth/token", hostile.body("login", "password"), null);
			post("/api/events", hostile.body("clientId", "networkId", "title", "format", "mode", "startsAt", "endsAt",
					"timeZone", "hostIds", "presenterIds", "capacity", "materials"), this.coordinator);
			post("/api/requests", hostile.body("clientId", "practiceId", "applicantId", "desiredFormat", "periodFrom",
					"periodTo", "teachersCount", "schoolYear"), this.coordinator);
			post("/api/users", hostile.body("login", "displayName", "teacherId", "roles"), this.coordinator);
		}
		assertThat(this.findings).isEmpty();
		assertThat(writes()).isEqualTo(before);
	}

	@Test
	void hostileCheckInsOverHttpAreRefusedWithProblemDetailsAndWriteNothing() {
		Hostile hostile = new Hostile(new Random(SEED + 1));
		List<TestAccounts.Account> phones = new ArrayList<>();
		for (int i = 0; i < CASES; i += 8) {
			phones.add(teacher());
		}
		long before = writes();
		for (int i = 0; i < CASES; i++) {
			TestAccounts.Account phone = phones.get(i / 8);
			String id = (i % 3 == 0) ? hostile.pathSegment() : String.valueOf(this.event);
			post("/api/events/" + id + "/check-ins", hostile.body("clientId", "code", "scannedAt", "sentAt"), phone);
		}
		assertThat(this.findings).isEmpty();
		assertThat(writes()).isEqualTo(before);
	}

	@Test
	void hostileRoutePayloadsAreRefusedWithErrorFramesAndWriteNothing() {
		Hostile hostile = new Hostile(new Random(SEED + 2));
		RSocketRequester coordinator = connect(this.coordinator);
		List<RSocketRequester> phones = new ArrayList<>();
		for (int i = 0; i < CASES; i += 8) {
			phones.add(connect(teacher()));
		}
		long before = writes();
		for (int i = 0; i < CASES; i++) {
			RSocketRequester phone = phones.get(i / 8);
			String id = (i % 3 == 0) ? hostile.number() : String.valueOf(this.event);
			call(phone, "attendance." + id + ".check-in", hostile.body("clientId", "code", "scannedAt", "sentAt"));
			call(coordinator, "requests.submit", hostile.body("clientId", "practiceId", "applicantId", "desiredFormat",
					"periodFrom", "periodTo", "teachersCount", "schoolYear"));
			call(coordinator, "events.create", hostile.body("clientId", "networkId", "title", "format", "mode",
					"startsAt", "endsAt", "timeZone", "hostIds", "capacity"));
		}
		assertThat(this.findings).isEmpty();
		assertThat(writes()).isEqualTo(before);
	}

	@Test
	void aStreamWithABadSinceIsRefusedWithAnErrorFrame() {
		Hostile hostile = new Hostile(new Random(SEED + 3));
		RSocketRequester coordinator = connect(this.coordinator);
		for (int i = 0; i < CASES; i++) {
			String since = hostile.badSince();
			String payload = "{\"since\":" + since + "}";
			try {
				String first = coordinator.route("attendance.{id}.stream", this.event)
					.data(payload)
					.retrieveFlux(String.class)
					.next()
					.block(Duration.ofSeconds(10));
				this.findings.add("attendance.stream " + shorten(payload) + " → a stream: " + shorten(first));
			}
			catch (ApplicationErrorException ex) {
				frame("attendance.stream", payload, ex.getMessage(), "bad_input");
			}
			catch (RuntimeException ex) {
				this.findings.add("attendance.stream " + shorten(payload) + " → " + ex);
			}
		}
		assertThat(this.findings).isEmpty();
	}

	/**
	 * A new teacher account: the check-in limit is 10 attempts a minute per user and
	 * event.
	 */
	private TestAccounts.Account teacher() {
		return this.accounts.teacher(this.fixtures.teacher(this.school, "Фаззинг"));
	}

	private void post(String uri, String body, TestAccounts.Account account) {
		EntityExchangeResult<byte[]> result = this.http.post()
			.uri(URI.create("http://localhost:" + this.httpPort + uri))
			.headers((headers) -> {
				if (account != null) {
					account.bearer(headers);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectBody()
			.returnResult();
		int status = result.getStatus().value();
		String answer = (result.getResponseBody() != null) ? new String(result.getResponseBody()) : "";
		if (status < 400 || status >= 500) {
			this.findings.add("POST " + shorten(uri) + " " + shorten(body) + " → " + status + " " + shorten(answer));
			return;
		}
		JsonNode problem = parse(answer);
		if (problem == null || !problem.path("code").isString()) {
			this.findings.add("POST " + shorten(uri) + " " + shorten(body) + " → " + status
					+ " without a problem detail with a code: " + shorten(answer));
		}
	}

	private void call(RSocketRequester requester, String route, String payload) {
		try {
			String answer = requester.route(route)
				.data(payload)
				.retrieveMono(String.class)
				.block(Duration.ofSeconds(10));
			this.findings.add(route + " " + shorten(payload) + " → accepted: " + shorten(answer));
		}
		catch (ApplicationErrorException ex) {
			frame(route, payload, ex.getMessage(), null);
		}
		catch (RuntimeException ex) {
			this.findings.add(shorten(route) + " " + shorten(payload) + " → " + ex);
		}
	}

	private void frame(String route, String payload, String message, String expected) {
		JsonNode error = parse(message);
		String code = (error != null && error.path("code").isString()) ? error.path("code").asString() : null;
		if (code == null || code.equals("internal") || (expected != null && !expected.equals(code))) {
			this.findings.add(shorten(route) + " " + shorten(payload) + " → error frame " + shorten(message));
		}
	}

	private RSocketRequester connect(TestAccounts.Account account) {
		RSocketRequester requester = account.setup(this.requesters.dataMimeType(MediaType.APPLICATION_JSON))
			.tcp("localhost", this.tcpPort);
		this.connections.add(requester);
		return requester;
	}

	/**
	 * Rows of the main tables: a refused call adds to none of them. Card progress follows
	 * the change log in the background (earlier tests' changes), so its rows do not
	 * count.
	 */
	private long writes() {
		return this.database.sql("""
				select (select count(*) from users) + (select count(*) from events) + (select count(*) from requests)
				     + (select count(*) from participations)
				     + (select count(*) from change_log where type <> 'progress.changed')
				""").map((row) -> row.get(0, Long.class)).one().block();
	}

	private static JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String shorten(String text) {
		if (text == null) {
			return "null";
		}
		return (text.length() > 160) ? text.substring(0, 160) + "…(" + text.length() + " chars)" : text;
	}

	/** Hostile input from one seeded generator. */
	static final class Hostile {

		private static final String[] STRINGS = { "", " ", "null", "../../../etc/passwd", "..%2F..%2Fapi%2Fusers",
				"%00", "\u0000", "' or 1=1 --", "\"; drop table users; --", "<script>alert(1)</script>",
				"\u202Eevil\u202C", "Привет, мир", "🎓📚🔥", "\uFEFF", "𝕮𝖊𝖓𝖙𝖗𝖎𝖐", "${jndi:ldap://x}", "NaN",
				"2026-13-45T25:61:00Z", "9999-12-31T23:59:59Z", "-1", "00000000-0000-0000-0000-000000000000",
				"not-a-uuid", "presenter", "coordinator" };

		private static final String[] NUMBERS = { "0", "-1", "-9223372036854775808", "9223372036854775807",
				"9223372036854775808", "99999999999999999999999999", "1.5", "-0", "1e309", "4.9e-324", "2147483648" };

		private final Random random;

		Hostile(Random random) {
			this.random = random;
		}

		/**
		 * A request body: malformed text, a random JSON value, or the fields with hostile
		 * values.
		 */
		String body(String... fields) {
			return switch (this.random.nextInt(6)) {
				case 0 -> malformed();
				case 1 -> value(3);
				case 2 -> "\"" + escape(hugeString()) + "\"";
				default -> {
					Map<String, String> object = new LinkedHashMap<>();
					for (String field : fields) {
						if (this.random.nextInt(4) != 0) {
							object.put(field, value(2));
						}
					}
					if (this.random.nextBoolean()) {
						object.put(pick(STRINGS), value(1));
					}
					StringBuilder text = new StringBuilder("{");
					object.forEach((key, value) -> text.append((text.length() > 1) ? "," : "")
						.append('"')
						.append(escape(key))
						.append("\":")
						.append(value));
					yield text.append('}').toString();
				}
			};
		}

		String number() {
			return pick(
					new String[] { "-1", "0", "9223372036854775807", "9223372036854775808", "99999999999999999999" });
		}

		String pathSegment() {
			return pick(new String[] { "-1", "0", "9223372036854775807", "9223372036854775808", "abc", "1.5", "%2e%2e",
					"..;", "%00", "%E2%80%AE", "1%20or%201=1", "%CE%A9" });
		}

		/** Since values that are not a position: wrong types, negative, beyond a long. */
		String badSince() {
			return pick(new String[] { "-1", "-9223372036854775808", "9223372036854775808", "1.5", "1e309", "\"abc\"",
					"true", "[]", "{}", "[1]", "\"" + escape(hugeString()) + "\"" });
		}

		private String malformed() {
			return pick(new String[] { "", "{", "[", "}", "{\"a\":", "{'login': 'x'}", "nul", "{\"a\":1,}", "{\"a\" 1}",
					"\u0000\u0001", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\x41\"}", "[".repeat(2000), "{\"a\":1}{\"b\":2}",
					"\uFEFF{}" });
		}

		private String value(int depth) {
			int kind = this.random.nextInt((depth > 0) ? 8 : 6);
			return switch (kind) {
				case 0 -> "null";
				case 1 -> String.valueOf(this.random.nextBoolean());
				case 2 -> pick(NUMBERS);
				case 3 -> "\"" + escape(pick(STRINGS)) + "\"";
				case 4 -> (this.random.nextInt(8) == 0) ? "\"" + escape(hugeString()) + "\""
						: "\"" + escape(randomUnicode(this.random.nextInt(40))) + "\"";
				case 5 -> String.valueOf(this.random.nextLong());
				case 6 -> {
					List<String> items = new ArrayList<>();
					for (int i = this.random.nextInt(4); i > 0; i--) {
						items.add(value(depth - 1));
					}
					yield "[" + String.join(",", items) + "]";
				}
				default -> "{\"" + escape(pick(STRINGS)) + "\":" + value(depth - 1) + "}";
			};
		}

		private String hugeString() {
			return "ж".repeat(50_000 + this.random.nextInt(100_000));
		}

		private String randomUnicode(int length) {
			StringBuilder text = new StringBuilder();
			while (text.length() < length) {
				int codePoint = this.random.nextInt(0x2FFFF);
				if (Character.isDefined(codePoint) && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
					text.appendCodePoint(codePoint);
				}
			}
			return text.toString();
		}

		private String pick(String[] options) {
			return options[this.random.nextInt(options.length)];
		}

		private static String escape(String text) {
			StringBuilder escaped = new StringBuilder();
			for (char c : text.toCharArray()) {
				if (c == '"' || c == '\\') {
					escaped.append('\\').append(c);
				}
				else if (c < 0x20) {
					escaped.append(String.format("\\u%04x", (int) c));
				}
				else {
					escaped.append(c);
				}
			}
			return escaped.toString();
		}

	}

}
