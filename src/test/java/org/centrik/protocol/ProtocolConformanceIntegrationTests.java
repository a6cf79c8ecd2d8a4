package org.centrik.protocol;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.centrik.attendance.Attendance;
import org.centrik.attendance.Participation;
import org.centrik.events.EventId;
import org.centrik.network.TeacherId;
import org.centrik.support.Fixtures;
import org.centrik.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.rsocket.server.LocalRSocketServerPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the rsocket-js conformance suite of frontend-protocol/ (node's test runner)
 * against this server, over WebSocket and TCP, while real check-ins arrive every 250 ms.
 * Needs Node 20+ and npm; the dependencies come from the npm registry by {@code npm ci}.
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

	long liveEvent;

	@Test
	void rsocketJsConformanceSuitePassesOverWebSocketAndTcp() throws Exception {
		Fixtures fixtures = new Fixtures(this.database);
		long school = fixtures.organisation("Конформная школа");
		long event = fixtures.liveEvent(fixtures.network(school), school);
		this.liveEvent = event;
		List<Long> teachers = this.database.sql("""
				insert into teachers (organisation_id, last_name, first_name)
				select :school, 'Участникова-' || n, 'Мария' from generate_series(1, 2000) n returning id
				""").bind("school", school).map((row) -> row.get("id", Long.class)).all().collectList().block();
		Disposable checkIns = Flux.interval(Duration.ofMillis(250))
			.take(teachers.size())
			// a slow machine skips beats instead of ending the check-ins with an overflow
			.onBackpressureDrop()
			.concatMap((n) -> this.attendance.record(new EventId(event), new TeacherId(teachers.get(n.intValue())),
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
