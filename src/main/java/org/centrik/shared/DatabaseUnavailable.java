package org.centrik.shared;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.IdentityHashMap;
import java.util.Map;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponseException;

/**
 * A request failed because PostgreSQL could not be reached or went away (restarted,
 * failed over, out of connections), not because of what was asked: worth retrying as it
 * is. Commands carry a client id, so a retry never writes twice — including the rare
 * retry of a command whose commit did happen but whose answer was lost with the
 * connection. HTTP answers 503 with {@code Retry-After}, RSocket an error frame, both
 * with the code {@code unavailable} and {@code retryAfter} in seconds.
 */
public final class DatabaseUnavailable {

	public static final String CODE = "unavailable";

	/** Seconds a client waits before it retries. */
	public static final int RETRY_AFTER_SECONDS = 1;

	public static final String DETAIL = "The database cannot be reached right now. Retry with the same client id: "
			+ "a retry never records anything twice.";

	private DatabaseUnavailable() {
	}

	/** Whether the failure, or one of its causes, is the database being unreachable. */
	public static boolean causedBy(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException || cause instanceof ConnectException
					|| cause instanceof ClosedChannelException) {
				return true;
			}
			if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& lostServer(r2dbc.getSqlState())) {
				return true;
			}
			// the connection pool gave up waiting for a connection
			if (cause.getClass().getName().startsWith("reactor.pool.")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE classes of a server that went away: 08 connection exception, 57P01–57P03
	 * (shut down by an administrator, crash, cannot connect now), 53300 too many
	 * connections.
	 */
	private static boolean lostServer(String state) {
		return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
				|| state.equals("53300");
	}

	/** The HTTP answer: 503 with the code {@code unavailable} and {@code Retry-After}. */
	public static ErrorResponseException problem() {
		ErrorResponseException problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, CODE, "Database unavailable",
				DETAIL);
		ProblemDetail body = problem.getBody();
		body.setProperty("retryAfter", RETRY_AFTER_SECONDS);
		problem.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		return problem;
	}

}
