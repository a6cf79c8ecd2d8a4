package org.centrik.shared;

import java.net.ConnectException;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTests {

	@Test
	void aServerThatWentAwayIsUnavailable() {
		assertThat(DatabaseUnavailable
			.causedBy(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection"))).isTrue();
		assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("Could not open R2DBC Connection",
				new ConnectException("Connection refused"))))
			.isTrue();
		assertThat(DatabaseUnavailable
			.causedBy(new IllegalStateException("wrapped", new R2dbcNonTransientResourceException(
					"terminating connection due to administrator command", "57P01"))))
			.isTrue();
		assertThat(DatabaseUnavailable.causedBy(new R2dbcBadGrammarException("cannot connect now", "57P03"))).isTrue();
	}

	@Test
	void whatWasAskedIsNotTheDatabaseBeingUnavailable() {
		assertThat(DatabaseUnavailable.causedBy(new IllegalArgumentException("bad"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("duplicate",
				new R2dbcDataIntegrityViolationException("duplicate key", "23505"))))
			.isFalse();
		assertThat(DatabaseUnavailable.causedBy(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
	}

	@Test
	void itsProblemDetailIsA503ToRetry() {
		var problem = DatabaseUnavailable.problem();
		assertThat(problem.getStatusCode().value()).isEqualTo(503);
		assertThat(problem.getBody().getProperties()).containsEntry("code", "unavailable")
			.containsEntry("retryAfter", 1);
		assertThat(problem.getHeaders().getFirst("Retry-After")).isEqualTo("1");
	}

}
