package org.centrik.protocol;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.security.TestAccounts;
import org.centrik.shared.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the rsocket-js conformance suite of frontend-protocol/ (node's test runner)
 * against this server, over WebSocket and TCP, while real check-ins arrive every 250 ms.
 * The suite connects as a coordinator of every network, and is given the tokens its
 * authentication tests need: an expired one, a logged-out one, and one of a teacher who
 * may not see the event's attendance. Needs Node 20+ and npm; the dependencies come from
 * the npm registry by {@code npm ci}.
 */
@IntegrationTest
class ProtocolConformanceIntegrationTests {

	private static final File PROTOCOL = new File("frontend-protocol");

	@LocalServerPort
	int httpPort;

	@LocalRSocketServerPort
	int tcpPort;

	@Autowired
	DatabaseClient database;

	@Autowired
	Attendance attendance;

	@Autowired
	ApplicationContext context;

	long liveEvent;

	Map<String, String> tokens;

	@Test
	void rsocketJsConformanceSuitePassesOverWebSocketAndTcp() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Конформная школа");
		long event = fixtures.liveEvent(fixtures.network(school), school);
		this.liveEvent = event;
		TestAccounts accounts = new TestAccounts(this.context);
		TestAccounts.Account coordinator = accounts.coordinatorOfAll();
		TestAccounts.Account loggedOut = accounts.coordinatorOfAll();
		accounts.logout(loggedOut);
		this.tokens = Map.of("CENTRIK_ACCESS_TOKEN", coordinator.accessToken(), "CENTRIK_EXPIRED_TOKEN",
				accounts.expiredToken(coordinator), "CENTRIK_REVOKED_TOKEN", loggedOut.accessToken(),
				"CENTRIK_TEACHER_TOKEN", accounts.teacher(fixtures.teacher(school, "Непринятая")).accessToken());
		List<Long> teachers = this.database.sql("""
				insert into teachers (organisation_id, last_name, first_name)
				select :school, 'Участникова-' || n, 'Мария' from generate_series(1, 2000) n returning id
				""").bind("school", school).map((row) -> row.get("id", Long.class)).all().collectList().block();
		// Paced by delayElements, not interval: a check-in slower than a tick (a cold or
		// busy
		// server) must slow the pace, not end the check-ins with an overflow.
		Disposable checkIns = Flux.fromIterable(teachers)
			.delayElements(Duration.ofMillis(250))
			.concatMap((teacher) -> this.attendance.record(new EventId(event), new TeacherId(teacher),
					Participation.Role.LISTENER, Participation.Method.QR, UUID.randomUUID(), Instant.now(),
					"conformance"))
			.subscribe();
		try {
			installDependencies();
			Run run = run(Duration.ofMinutes(5), "node", "--test", "test/");
			System.out.println(run.output);
			assertThat(run.exitCode).as(run.output).isZero();
			assertThat(run.output).contains("# fail 0").contains("# skipped 0");
		}
		finally {
			checkIns.dispose();
		}
	}

	private void installDependencies() throws Exception {
		Path installed = PROTOCOL.toPath().resolve("node_modules/.package-lock.json");
		Path lock = PROTOCOL.toPath().resolve("package-lock.json");
		if (Files.exists(installed)
				&& Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
			return;
		}
		Run install = run(Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
		assertThat(install.exitCode)
			.as("npm ci in frontend-protocol (Node 20+ and npm are needed):%n%s", install.output)
			.isZero();
	}

	private Run run(Duration timeout, String... command) throws Exception {
		File log = File.createTempFile("centrik-protocol", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(PROTOCOL)
			.redirectErrorStream(true)
			.redirectOutput(log);
		builder.environment().put("CENTRIK_HTTP_URL", "http://localhost:" + this.httpPort);
		builder.environment().put("CENTRIK_RSOCKET_TCP", "localhost:" + this.tcpPort);
		builder.environment().put("CENTRIK_LIVE_EVENT_ID", Long.toString(this.liveEvent));
		builder.environment().putAll(this.tokens);
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
