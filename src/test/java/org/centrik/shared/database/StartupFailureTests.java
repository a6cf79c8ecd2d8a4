package org.centrik.shared.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.centrik.CentrikApplication;
import org.centrik.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the server as a separate process, the way a user does, and reads what it prints.
 */
class StartupFailureTests {

	@TempDir
	Path home;

	@Test
	void withoutADatabaseRootIsToldTheThreeWaysOutAndOthersGetTheEmbeddedOne() throws Exception {
		Run run = start(60, "--centrik.database.url=", "--centrik.data-dir=" + this.home);
		if (CurrentUser.isRoot()) {
			assertThat(run.exitCode).isNotZero();
			assertThat(run.output).contains("refuses to run as root")
				.contains("normal (non-root) user")
				.contains("CENTRIK_DATABASE_URL")
				.contains("docker compose up");
			assertThat(run.output).doesNotContain("\tat ");
		}
		else {
			assertThat(run.output).contains("Centrik is running").contains(this.home.resolve("postgres").toString());
		}
	}

	@Test
	void unreachableDatabaseIsOneClearLine() throws Exception {
		Run run = start(60, "--centrik.database.url=postgresql://postgres@127.0.0.1:" + freePort() + "/centrik");
		assertThat(run.exitCode).isNotZero();
		assertThat(run.output).contains("Centrik cannot use its database at postgresql://127.0.0.1:")
			.contains("CENTRIK_DATABASE_URL");
		assertThat(run.output).doesNotContain("\tat ");
	}

	@Test
	void takenHttpPortIsOneClearLine() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Run run = start(60, "--centrik.database.url=" + TestDatabase.url(),
					"--server.port=" + taken.getLocalPort());
			assertThat(run.exitCode).isNotZero();
			assertThat(run.output).contains("Port " + taken.getLocalPort() + " was already in use");
			assertThat(run.output).doesNotContain("\tat ");
		}
	}

	@Test
	void takenRSocketPortIsOneClearLine() throws Exception {
		try (ServerSocket taken = new ServerSocket(0)) {
			Run run = start(60, "--centrik.database.url=" + TestDatabase.url(),
					"--centrik.rsocket.tcp-port=" + taken.getLocalPort());
			assertThat(run.exitCode).isNotZero();
			assertThat(run.output).contains(
					"RSocket over TCP could not listen on port " + taken.getLocalPort() + ": it is already in use.");
			assertThat(run.output).doesNotContain("\tat ");
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private Run start(int timeoutSeconds, String... args) throws Exception {
		Path log = Files.createTempFile(this.home, "centrik", ".log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), CentrikApplication.class.getName()));
		command.addAll(List.of(args));
		for (String port : List.of("--server.port=", "--centrik.rsocket.tcp-port=")) {
			if (command.stream().noneMatch((arg) -> arg.startsWith(port))) {
				command.add(port + "0");
			}
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("CENTRIK_"));
		Process process = builder.start();
		try {
			boolean exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			String output = Files.readString(log, StandardCharsets.UTF_8);
			if (!exited && output.contains("Centrik is running")) {
				return new Run(0, output);
			}
			assertThat(exited).as("exited within %ss; printed:%n%s", timeoutSeconds, output).isTrue();
			return new Run(process.exitValue(), output);
		}
		finally {
			process.destroy();
			process.waitFor(20, TimeUnit.SECONDS);
		}
	}

	private record Run(int exitCode, String output) {
	}

}
