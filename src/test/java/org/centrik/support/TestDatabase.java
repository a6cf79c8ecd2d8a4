package org.centrik.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one place that decides which PostgreSQL the tests use, once per test run, in this
 * order: {@code CENTRIK_TEST_DATABASE_URL}; Testcontainers when a Docker engine answers;
 * the embedded PostgreSQL when not root; a server on 127.0.0.1:5432 that accepts the
 * {@code postgres} user. The run works in a database of its own, created at the start and
 * dropped at the end, and every Spring context of the run finds it through
 * {@code centrik.database.url}.
 */
public final class TestDatabase implements LauncherSessionListener {

	private static Server server;

	private static String database;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		start();
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		stop();
	}

	/**
	 * The URL of this run's database, with credentials:
	 * {@code postgresql://user:pw@host:port/db}.
	 */
	public static synchronized String url() {
		start();
		return server.url(database);
	}

	public static synchronized String jdbcUrl() {
		start();
		return "jdbc:postgresql://" + server.host + ":" + server.port + "/" + database;
	}

	/** A plain JDBC connection to this run's database, for tests of the schema itself. */
	public static Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), server.user, server.password);
	}

	/**
	 * Runs the action with the JDBC URL of a new, empty database on the same server,
	 * dropped afterwards.
	 */
	public static void withEmptyDatabase(Consumer<String> action) {
		start();
		String scratch = "centrik_scratch_" + UUID.randomUUID().toString().substring(0, 8);
		server.execute("create database " + scratch + " encoding 'UTF8' template template0");
		try {
			action.accept("jdbc:postgresql://" + server.host + ":" + server.port + "/" + scratch);
		}
		finally {
			server.execute("drop database if exists " + scratch + " with (force)");
		}
	}

	/**
	 * Runs the test with an R2DBC connection factory to a new database that holds the
	 * migrated schema and nothing else, dropped afterwards: a new installation.
	 */
	public static void withMigratedDatabase(Consumer<ConnectionFactory> test) {
		withEmptyDatabase((url) -> {
			Flyway.configure().dataSource(url, user(), password()).locations("classpath:db/migration").load().migrate();
			ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(url.replace("jdbc:", "r2dbc:"))
				.mutate()
				.option(ConnectionFactoryOptions.USER, user());
			if (!password().isEmpty()) {
				options.option(ConnectionFactoryOptions.PASSWORD, password());
			}
			test.accept(ConnectionFactories.get(options.build()));
		});
	}

	public static String user() {
		start();
		return server.user;
	}

	public static String password() {
		start();
		return server.password;
	}

	/** Where this run's database comes from, for the test report. */
	public static synchronized String source() {
		start();
		return server.source;
	}

	private static synchronized void start() {
		if (server != null) {
			return;
		}
		server = chooseServer();
		database = "centrik_test_" + UUID.randomUUID().toString().substring(0, 8);
		server.execute("create database " + database + " encoding 'UTF8' template template0");
		System.setProperty("centrik.database.url", server.url(database));
		System.out.println("Test database: " + database + " on " + server.source);
	}

	private static synchronized void stop() {
		if (server == null) {
			return;
		}
		try {
			server.execute("drop database if exists " + database + " with (force)");
		}
		finally {
			server.close();
			server = null;
			System.clearProperty("centrik.database.url");
		}
	}

	private static Server chooseServer() {
		String explicit = System.getenv("CENTRIK_TEST_DATABASE_URL");
		if (explicit != null && !explicit.isBlank()) {
			return Server.fromUrl(explicit, "CENTRIK_TEST_DATABASE_URL");
		}
		if (dockerAnswers()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
					container.getPassword(), "Testcontainers (postgres:17-alpine)", container::stop);
		}
		if (!isRoot()) {
			try {
				EmbeddedPostgres embedded = EmbeddedPostgres.start();
				return new Server("localhost", embedded.getPort(), "postgres", "", "embedded PostgreSQL", () -> {
					try {
						embedded.close();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException("Embedded PostgreSQL could not start", ex);
			}
		}
		return new Server("127.0.0.1", 5432, "postgres", "", "PostgreSQL on 127.0.0.1:5432", () -> {
		});
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static boolean isRoot() {
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private record Server(String host, int port, String user, String password, String source, Runnable closer) {

		static Server fromUrl(String url, String source) {
			java.net.URI uri = java.net.URI.create(url.replaceFirst("^(jdbc|r2dbc):", ""));
			String[] userInfo = (uri.getUserInfo() != null) ? uri.getUserInfo().split(":", 2)
					: new String[] { "postgres" };
			return new Server(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 5432, userInfo[0],
					(userInfo.length > 1) ? userInfo[1] : "", source, () -> {
					});
		}

		String url(String database) {
			String credentials = URLEncoder.encode(this.user, StandardCharsets.UTF_8)
					+ (this.password.isEmpty() ? "" : ":" + URLEncoder.encode(this.password, StandardCharsets.UTF_8));
			return "postgresql://" + credentials + "@" + this.host + ":" + this.port + "/" + database;
		}

		void execute(String sql) {
			String admin = "jdbc:postgresql://" + this.host + ":" + this.port + "/postgres";
			try (Connection connection = DriverManager.getConnection(admin, this.user, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(
						"Test database server (" + this.source + ") refused: " + sql.toLowerCase(Locale.ROOT), ex);
			}
		}

		void close() {
			this.closer.run();
		}

	}

}
