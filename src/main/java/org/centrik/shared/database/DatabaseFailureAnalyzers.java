package org.centrik.shared.database;

import java.sql.SQLException;

import org.centrik.shared.database.EmbeddedDatabase.EmbeddedDatabaseException;
import reactor.netty.ChannelBindException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns the ways a start can fail for want of a database, or of a port, into one clear
 * message instead of a stack trace.
 */
final class DatabaseFailureAnalyzers {

	private DatabaseFailureAnalyzers() {
	}

	static class RunningAsRoot extends AbstractFailureAnalyzer<EmbeddedDatabaseAsRootException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseAsRootException cause) {
			return new FailureAnalysis(
					"Centrik was started as root with no database configured, and the embedded PostgreSQL refuses to run as root.",
					"""
							Choose one of:
							  1. run Centrik as a normal (non-root) user: the embedded PostgreSQL then starts by itself;
							  2. point it at a PostgreSQL server: CENTRIK_DATABASE_URL=postgresql://user:password@host:5432/centrik;
							  3. run the whole stack with its own PostgreSQL: docker compose up""",
					cause);
		}

	}

	static class EmbeddedFailed extends AbstractFailureAnalyzer<EmbeddedDatabaseException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseException cause) {
			return new FailureAnalysis(cause.getMessage(),
					"Check that the data directory is writable (set another with CENTRIK_DATA_DIR) "
							+ "or point Centrik at a PostgreSQL server with CENTRIK_DATABASE_URL.",
					cause);
		}

	}

	static class Unreachable extends AbstractFailureAnalyzer<SQLException> {

		private final Environment environment;

		Unreachable(Environment environment) {
			this.environment = environment;
		}

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
			String state = (cause.getSQLState() != null) ? cause.getSQLState() : "";
			if (!state.startsWith("08") && !state.startsWith("28") && !state.equals("3D000")) {
				return null;
			}
			String where = this.environment.getProperty("centrik.database.display-url", "the configured database");
			return new FailureAnalysis("Centrik cannot use its database at " + where + ": " + cause.getMessage(),
					"Check that PostgreSQL runs there and accepts the user, or correct CENTRIK_DATABASE_URL "
							+ "(unset it to use the embedded PostgreSQL).",
					cause);
		}

	}

	/**
	 * A port taken by another process: the RSocket TCP port. The HTTP port is left to
	 * Spring Boot's own analyzer, which recognises it as a {@code PortInUseException}.
	 */
	static class PortTaken extends AbstractFailureAnalyzer<ChannelBindException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, ChannelBindException cause) {
			for (Throwable failure = rootFailure; failure != null; failure = failure.getCause()) {
				if (failure.getClass().getSimpleName().equals("PortInUseException")) {
					return null;
				}
			}
			return new FailureAnalysis(
					"RSocket over TCP could not listen on port " + cause.localPort() + ": it is already in use.",
					"Stop the other process, or choose another port with CENTRIK_RSOCKET_TCP_PORT "
							+ "(SERVER_PORT for HTTP).",
					cause);
		}

	}

}
