package org.centrik.web;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.shared.NetworkId;
import org.centrik.shared.TeacherId;
import org.centrik.security.Accounts;
import org.centrik.security.Grant;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the web UI's end-to-end suite (src/main/web/e2e, node's test runner driving
 * Debian's headless Chromium through playwright-core) against this server, at 390 and
 * 1920 pixels: login, the home page, the live dashboard of an event, a check-in appearing
 * on it within a second, and the dashboard catching up after the browser was offline.
 * Screenshots go to target/e2e-screenshots.
 * <p>
 * The check-ins are recorded through {@link Attendance#record} by a hook this test serves
 * on the loopback address (the e2e script POSTs to it): there is no check-in endpoint
 * yet.
 */
@IntegrationTest
class WebUiIntegrationTests {

	private static final File WEB = new File("src/main/web");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final String PASSWORD = "e2e-пароль-1";

	@LocalServerPort
	int httpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	Accounts accounts;

	@Test
	void loginDashboardAndALiveCheckInWithinASecondAtPhoneAndScreenSizes() throws Exception {
		assertThat(CHROMIUM)
			.as("The web UI's end-to-end tests need Debian's Chromium at %s: apt-get install chromium", CHROMIUM)
			.exists();
		Fixtures fixtures = new Fixtures(this.database);
		List<Long> schools = List.of(fixtures.organisation("Гимназия экрана"), fixtures.organisation("Лицей экрана"),
				fixtures.organisation("Школа экрана"));
		long network = fixtures.network(schools.get(0));
		long event = fixtures.liveEvent(network, schools.get(0));
		List<Long> teachers = new ArrayList<>();
		for (int n = 0; n < 40; n++) {
			teachers.add(fixtures.teacher(schools.get(n % schools.size()), "Экранова-" + (n + 1)));
		}
		AtomicInteger next = new AtomicInteger();
		for (int n = 0; n < 12; n++) {
			checkIn(event, teachers.get(next.getAndIncrement()), Instant.now().minusSeconds(40L * (12 - n)),
					(n % 5 == 0) ? Participation.Role.PRESENTER : Participation.Role.LISTENER);
		}
		String login = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@centrik.test";
		this.accounts
			.ensure(login, PASSWORD, "Ирина Координаторова", null, List.of(Grant.coordinator(new NetworkId(network))))
			.block();

		HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		hook.createContext("/check-in", (exchange) -> {
			Participation participation = checkIn(event, teachers.get(next.getAndIncrement()), Instant.now(),
					Participation.Role.LISTENER);
			respond(exchange, "{\"teacherName\":\"" + participation.teacherName() + "\"}");
		});
		hook.start();
		try {
			installDependencies();
			long started = System.nanoTime();
			Run run = run(Duration.ofMinutes(6), List.of("node", "--test", "--test-concurrency=1", "e2e/"),
					"CENTRIK_URL", "http://localhost:" + this.httpPort, "CENTRIK_LOGIN", login, "CENTRIK_PASSWORD",
					PASSWORD, "CENTRIK_EVENT_ID", Long.toString(event), "CENTRIK_E2E_CHECK_IN_URL",
					"http://" + hook.getAddress().getAddress().getHostAddress() + ":" + hook.getAddress().getPort()
							+ "/check-in",
					"CENTRIK_E2E_SCREENSHOTS", new File("target/e2e-screenshots").getAbsolutePath(), "CHROMIUM",
					CHROMIUM.toString());
			System.out.println(run.output);
			System.out.printf("Web UI end-to-end suite: %d s%n",
					Duration.ofNanos(System.nanoTime() - started).toSeconds());
			assertThat(run.exitCode).as(run.output).isZero();
			assertThat(run.output).contains("# fail 0").contains("# cancelled 0");
		}
		finally {
			hook.stop(0);
		}
	}

	private Participation checkIn(long event, long teacher, Instant at, Participation.Role role) {
		return this.attendance
			.record(new EventId(event), new TeacherId(teacher), role, Participation.Method.QR, UUID.randomUUID(), at,
					"e2e")
			.block()
			.participation();
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** The Maven build installed them already, unless it was told to skip the web UI. */
	private void installDependencies() throws Exception {
		Path installed = WEB.toPath().resolve("node_modules/.package-lock.json");
		Path lock = WEB.toPath().resolve("package-lock.json");
		if (Files.exists(installed)
				&& Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
			return;
		}
		Run install = run(Duration.ofMinutes(5), List.of("npm", "ci", "--no-audit", "--no-fund"));
		assertThat(install.exitCode).as("npm ci in src/main/web (Node 20.19+ and npm are needed):%n%s", install.output)
			.isZero();
	}

	private Run run(Duration timeout, List<String> command, String... environment) throws Exception {
		File log = File.createTempFile("centrik-web", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(WEB)
			.redirectErrorStream(true)
			.redirectOutput(log);
		for (int i = 0; i < environment.length; i += 2) {
			builder.environment().put(environment[i], environment[i + 1]);
		}
		Process process = builder.start();
		boolean exited = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
		return new Run(exited ? process.exitValue() : -1, output);
	}

	private record Run(int exitCode, String output) {
	}

}
