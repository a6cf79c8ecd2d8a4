package org.centrik.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of one test's own, on a free port and a data directory of its own,
 * that the test may stop and start again: the fault tests restart it in the middle of a
 * burst, which they must never do to the server other tests share. It runs Debian's
 * PostgreSQL binaries ({@code /usr/lib/postgresql/<version>/bin}: {@code initdb},
 * {@code pg_ctl}) — as the {@code postgres} user when the tests run as root, since
 * PostgreSQL refuses to run as root — or, without them, the embedded PostgreSQL of the
 * build (never as root). Trust authentication, user {@code postgres}, fsync off.
 */
public final class PrivatePostgres implements AutoCloseable {

	private final Path directory;

	private final int port;

	private final Engine engine;

	private PrivatePostgres(Path directory, int port, Engine engine) {
		this.directory = directory;
		this.port = port;
		this.engine = engine;
	}

	/** Creates a new cluster with a database {@code centrik} and starts it. */
	public static PrivatePostgres start() {
		try {
			Path directory = Files.createTempDirectory("centrik-private-pg-");
			int port = freePort();
			Path binaries = debianBinaries();
			Engine engine;
			if (binaries != null) {
				engine = new PgCtl(binaries, directory, port, isRoot());
			}
			else if (!isRoot()) {
				engine = new Embedded(directory.resolve("data"), port);
			}
			else {
				throw new IllegalStateException("A private PostgreSQL needs Debian's postgresql package "
						+ "(/usr/lib/postgresql/<version>/bin) when the tests run as root.");
			}
			PrivatePostgres postgres = new PrivatePostgres(directory, port, engine);
			engine.init();
			engine.start();
			postgres.execute("create database centrik encoding 'UTF8' template template0");
			return postgres;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create a private PostgreSQL", ex);
		}
	}

	/** {@code postgresql://postgres@127.0.0.1:port/centrik}, for centrik.database.url. */
	public String url() {
		return "postgresql://postgres@127.0.0.1:" + this.port + "/centrik";
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/centrik";
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stops the server the way an administrator restarting it does: {@code pg_ctl stop -m
	 * fast} terminates every session and rolls back what is in flight.
	 */
	public void stop() {
		this.engine.stop();
	}

	/** Starts the stopped server again on the same port and data. */
	public void restart() {
		this.engine.start();
	}

	public void execute(String sql) {
		String admin = "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
		try (Connection connection = DriverManager.getConnection(admin, "postgres", "")) {
			connection.createStatement().execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Private PostgreSQL refused: " + sql, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.engine.stop();
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory left behind
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static Path debianBinaries() throws IOException {
		Path root = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(root)) {
			return null;
		}
		try (Stream<Path> versions = Files.list(root)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")) && Files.isExecutable(bin.resolve("initdb")))
				.max(Comparator.comparing((bin) -> Integer
					.parseInt(bin.getParent().getFileName().toString().replaceAll("[^0-9].*", "0"))))
				.orElse(null);
		}
	}

	static boolean isRoot() {
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private interface Engine {

		void init();

		void start();

		void stop();

	}

	/** Debian's initdb and pg_ctl, as the postgres user when we are root. */
	private record PgCtl(Path binaries, Path directory, int port, boolean asPostgresUser) implements Engine {

		Path data() {
			return this.directory.resolve("data");
		}

		@Override
		public void init() {
			if (this.asPostgresUser) {
				run(List.of("chown", "-R", "postgres", this.directory.toString()));
			}
			run(command("initdb", "-D", data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync",
					"--locale=C.UTF-8"));
		}

		@Override
		public void start() {
			String options = "-p " + this.port + " -c listen_addresses=127.0.0.1 -k " + this.directory
					+ " -c fsync=off -c full_page_writes=off -c max_connections=200";
			run(command("pg_ctl", "-D", data().toString(), "-l", this.directory.resolve("server.log").toString(), "-o",
					options, "-w", "-t", "60", "start"));
		}

		@Override
		public void stop() {
			if (Files.exists(data().resolve("postmaster.pid"))) {
				run(command("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
			}
		}

		private List<String> command(String program, String... arguments) {
			List<String> command = new ArrayList<>();
			if (this.asPostgresUser) {
				command.addAll(List.of("runuser", "-u", "postgres", "--"));
			}
			command.add(this.binaries.resolve(program).toString());
			command.addAll(List.of(arguments));
			return command;
		}

		private static void run(List<String> command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String output = new String(process.getInputStream().readAllBytes());
				if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(String.join(" ", command) + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	/** The build's embedded PostgreSQL, started again on the same data directory. */
	private static final class Embedded implements Engine {

		private final Path data;

		private final int port;

		private EmbeddedPostgres running;

		Embedded(Path data, int port) {
			this.data = data;
			this.port = port;
		}

		@Override
		public void init() {
		}

		@Override
		public void start() {
			try {
				this.running = EmbeddedPostgres.builder()
					.setDataDirectory(this.data)
					.setCleanDataDirectory(false)
					.setPort(this.port)
					.setServerConfig("fsync", "off")
					.setServerConfig("max_connections", "200")
					.setPGStartupWait(Duration.ofSeconds(60))
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Embedded PostgreSQL could not start", ex);
			}
		}

		@Override
		public void stop() {
			if (this.running != null) {
				try {
					this.running.close();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
				this.running = null;
			}
		}

	}

}
