package org.centrik.web;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one file of the web UI's end-to-end suites (src/main/web/e2e/*.test.js: node's
 * test runner driving Debian's headless Chromium through playwright-core) against a
 * server of an integration test, and fails the test unless every test in the file passed.
 * Screenshots go to target/e2e-screenshots.
 * <p>
 * {@code E2e.run("matrix.test.js", port, Map.of("CENTRIK_E2E_…", …))}: the file gets
 * {@code CENTRIK_URL}, {@code CHROMIUM} and {@code CENTRIK_E2E_SCREENSHOTS} besides the
 * given variables.
 */
public final class E2e {

	static final File WEB = new File("src/main/web");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private E2e() {
	}

	/** Runs the file, prints its output, and asserts that nothing failed. */
	public static String run(String file, int httpPort, Map<String, String> environment) throws Exception {
		assertThat(CHROMIUM)
			.as("The web UI's end-to-end tests need Debian's Chromium at %s: apt-get install chromium", CHROMIUM)
			.exists();
		assertThat(new File(WEB, "e2e/" + file)).exists();
		installDependencies();
		Map<String, String> all = new LinkedHashMap<>(environment);
		all.put("CENTRIK_URL", "http://localhost:" + httpPort);
		all.put("CENTRIK_E2E_SCREENSHOTS", new File("target/e2e-screenshots").getAbsolutePath());
		all.put("CHROMIUM", CHROMIUM.toString());
		long started = System.nanoTime();
		Run run = run(Duration.ofMinutes(6), List.of("node", "--test", "--test-concurrency=1", "e2e/" + file), all);
		System.out.println(run.output);
		System.out.printf("Web UI end-to-end suite %s: %d s%n", file,
				Duration.ofNanos(System.nanoTime() - started).toSeconds());
		assertThat(run.exitCode).as(run.output).isZero();
		assertThat(run.output).contains("# fail 0").contains("# cancelled 0").doesNotContain("# pass 0");
		return run.output;
	}

	/** The Maven build installed them already, unless it was told to skip the web UI. */
	private static synchronized void installDependencies() throws Exception {
		Path installed = WEB.toPath().resolve("node_modules/.package-lock.json");
		Path lock = WEB.toPath().resolve("package-lock.json");
		if (Files.exists(installed)
				&& Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
			return;
		}
		Run install = run(Duration.ofMinutes(5), List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
		assertThat(install.exitCode).as("npm ci in src/main/web (Node 20.19+ and npm are needed):%n%s", install.output)
			.isZero();
	}

	private static Run run(Duration timeout, List<String> command, Map<String, String> environment) throws Exception {
		File log = File.createTempFile("centrik-web", ".log");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(WEB)
			.redirectErrorStream(true)
			.redirectOutput(log);
		builder.environment().putAll(environment);
		Process process = builder.start();
		boolean exited = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly();
		}
		String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
		Files.deleteIfExists(log.toPath());
		return new Run(exited ? process.exitValue() : -1, output);
	}

	private record Run(int exitCode, String output) {
	}

}
