package org.centrik.shared.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A real PostgreSQL server run from the binaries shipped in a Maven artifact, with its
 * data in a directory that survives restarts.
 */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE = "centrik";

	private static final Log logger = LogFactory.getLog(EmbeddedDatabase.class);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	static EmbeddedDatabase start(Path dataDirectory, int port) {
		try {
			Files.createDirectories(dataDirectory);
			logger.info("Starting embedded PostgreSQL with its data in " + dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("max_connections", "200")
				.start();
			createDatabaseIfMissing(postgres);
			return new EmbeddedDatabase(postgres, dataDirectory);
		}
		catch (IOException | SQLException ex) {
			throw new EmbeddedDatabaseException(dataDirectory, ex);
		}
	}

	private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
			if (!exists.next()) {
				statement.execute("create database " + DATABASE + " encoding 'UTF8'");
			}
		}
	}

	DatabaseUrl url() {
		return new DatabaseUrl("localhost", this.postgres.getPort(), DATABASE, "postgres", "", "");
	}

	Path dataDirectory() {
		return this.dataDirectory;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			logger.warn("Embedded PostgreSQL did not stop cleanly", ex);
		}
	}

	static final class EmbeddedDatabaseException extends IllegalStateException {

		EmbeddedDatabaseException(Path dataDirectory, Exception cause) {
			super("Embedded PostgreSQL could not start with its data in " + dataDirectory + ": " + cause.getMessage(),
					cause);
		}

	}

}
