package org.centrik.support;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Centrik server in a process of its own, as in production: {@code java} running
 * {@code org.centrik.CentrikApplication} from the build's classes and runtime
 * dependencies (not the test classes), configured by environment variables only, on ports
 * it picks itself. Its output goes to {@code target/nodes/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

	private static final Pattern HTTP_PORT = Pattern.compile("Netty started on port (\\d+) \\(http\\)");

	private static final Pattern RSOCKET_PORT = Pattern.compile("Netty RSocket started on port (\\d+)");

	private static final Pattern STARTED = Pattern.compile("Started CentrikApplication in ([0-9.]+) seconds");

	private final String name;

	private final Process process;

	private final Path log;

	private final CompletableFuture<Integer> httpPort = new CompletableFuture<>();

	private final CompletableFuture<Integer> rsocketPort = new CompletableFuture<>();

	private final CompletableFuture<Double> started = new CompletableFuture<>();

	private NodeProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts a node; {@link #awaitStarted} waits for it.
	 * @param name the node's name, for its log file
	 * @param environment its configuration, e.g. {@code CENTRIK_DATABASE_URL}
	 */
	public static NodeProcess start(String name, Map<String, String> environment) {
		try {
			Path directory = Path.of("target", "nodes");
			Files.createDirectories(directory);
			Path log = directory.resolve(name + ".log");
			// the class path in a file: it is longer than is comfortable on a command
			// line
			Path arguments = directory.resolve(name + ".args");
			try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(arguments))) {
				out.println("-cp");
				out.println("\"" + classPath().replace("\\", "\\\\") + "\"");
			}
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
							"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
							"@" + arguments.toAbsolutePath(), "org.centrik.CentrikApplication"));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(environment);
			builder.environment().putIfAbsent("SERVER_PORT", "0");
			builder.environment().putIfAbsent("CENTRIK_RSOCKET_TCP_PORT", "0");
			NodeProcess node = new NodeProcess(name, builder.start(), log);
			node.watch();
			Runtime.getRuntime().addShutdownHook(new Thread(node.process::destroyForcibly));
			return node;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start node " + name, ex);
		}
	}

	/** The build's classes and runtime dependencies, without the test classes. */
	private static String classPath() {
		String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(full.split(File.pathSeparator))
			.filter((entry) -> !entry.replace('\\', '/').endsWith("/test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private void watch() {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter out = new PrintWriter(Files.newBufferedWriter(this.log), true)) {
				String line;
				while ((line = lines.readLine()) != null) {
					out.println(line);
					complete(HTTP_PORT.matcher(line), this.httpPort);
					complete(RSOCKET_PORT.matcher(line), this.rsocketPort);
					Matcher started = STARTED.matcher(line);
					if (started.find()) {
						this.started.complete(Double.parseDouble(started.group(1)));
					}
				}
			}
			catch (IOException ex) {
				// the process went away
			}
			IllegalStateException ended = new IllegalStateException(
					"Node " + this.name + " ended before it started; see " + this.log.toAbsolutePath());
			this.httpPort.completeExceptionally(ended);
			this.rsocketPort.completeExceptionally(ended);
			this.started.completeExceptionally(ended);
		}, "node-" + this.name + "-output");
		reader.setDaemon(true);
		reader.start();
	}

	private static void complete(Matcher matcher, CompletableFuture<Integer> port) {
		if (matcher.find()) {
			port.complete(Integer.parseInt(matcher.group(1)));
		}
	}

	/**
	 * Waits until the node has started.
	 * @return the seconds Spring Boot reports the start took
	 */
	public double awaitStarted(Duration timeout) {
		try {
			return this.started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Node " + this.name + " did not start within " + timeout + "; see " + this.log.toAbsolutePath(),
					ex);
		}
	}

	public int httpPort() {
		return this.httpPort.join();
	}

	public int rsocketPort() {
		return this.rsocketPort.join();
	}

	public String name() {
		return this.name;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Kills the node at once (SIGKILL): no graceful shutdown, connections just drop. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the node gracefully (SIGTERM), or kills it when it takes too long. */
	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	@Override
	public String toString() {
		return "node " + this.name;
	}

}
