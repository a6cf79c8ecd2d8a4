package org.centrik.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of its own, started from this test run's classpath: the load generator, or a
 * server node with a stated heap. It answers commands on stdin with lines starting with
 * {@code @}; everything else it prints goes to a log file.
 */
final class Jvm implements AutoCloseable {

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	private Jvm(Process process, Path log) {
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		// a benchmark stopped half-way leaves no server or load generator behind
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
					Writer out = Files.newBufferedWriter(log)) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("@")) {
						this.answers.add(line.substring(1));
					}
					else {
						out.write(line + "\n");
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// the process ended
			}
			this.answers.add("exited");
		}, "jvm-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/** The load generator, with its options ({@code key=value}). */
	static Jvm loadGenerator(String heap, List<String> options) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseParallelGC", "-cp",
				String.join(File.pathSeparator, classpath(true)), LoadGenerator.class.getName()));
		command.addAll(options);
		Jvm jvm = start(command, "load-generator");
		jvm.expect("ready", 60);
		return jvm;
	}

	/** A server node (the application's own classpath, without the tests'). */
	static Jvm server(String heap, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(java(), "-Xmx" + heap, "-Xms" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp",
						String.join(File.pathSeparator, classpath(false)), "org.centrik.CentrikApplication"));
		command.addAll(arguments);
		return start(command, "server");
	}

	private static Jvm start(List<String> command, String name) throws IOException {
		Path log = Path.of("target", "benchmark-" + name + "-" + System.nanoTime() + ".log");
		Files.createDirectories(log.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		return new Jvm(builder.start(), log);
	}

	/** Sends a command and waits for its answer. */
	String command(String command, long timeoutSeconds) {
		try {
			this.commands.write(command + "\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The " + this.process.pid() + " JVM is gone", ex);
		}
		return next(timeoutSeconds);
	}

	String next(long timeoutSeconds) {
		try {
			String answer = this.answers.poll(timeoutSeconds, TimeUnit.SECONDS);
			if (answer == null || answer.equals("exited")) {
				throw new IllegalStateException("No answer from JVM " + this.process.pid() + ": " + answer);
			}
			return answer;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void expect(String answer, long timeoutSeconds) {
		String got = next(timeoutSeconds);
		if (!got.startsWith(answer)) {
			throw new IllegalStateException("Expected " + answer + ", got " + got);
		}
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** Heap in use after a full GC, in bytes (from {@code jcmd}). */
	long heapAfterGc() throws IOException, InterruptedException {
		jcmd("GC.run");
		Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
		if (!used.find()) {
			throw new IllegalStateException("No heap figure from jcmd");
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	/** Resident set size of the process, in bytes. */
	long rss() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}

	private String jcmd(String what) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(pid()), what)
			.redirectErrorStream(true)
			.start();
		String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor(60, TimeUnit.SECONDS);
		return output;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * This run's classpath, with or without the test classes; Surefire's manifest-only
	 * jar is expanded.
	 */
	static List<String> classpath(boolean withTests) throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.endsWith(".jar") && entry.contains("surefire")) {
				try (JarFile jar = new JarFile(entry)) {
					String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
					if (manifest != null) {
						for (String url : manifest.trim().split(" +")) {
							entries.add(Path.of(URI.create(url)).toString());
						}
						continue;
					}
				}
			}
			entries.add(entry);
		}
		return entries.stream()
			.filter((entry) -> withTests || !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
			.filter((entry) -> withTests || !entry.contains("surefire") && !entry.contains("junit"))
			.toList();
	}

}
