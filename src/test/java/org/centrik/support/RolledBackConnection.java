package org.centrik.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A JDBC connection to this run's database inside a transaction that is rolled back when
 * it is closed: for tests of the schema itself, which break one rule at a time.
 */
public final class RolledBackConnection implements AutoCloseable {

	public static final String UNIQUE = "23505";

	public static final String CHECK = "23514";

	public static final String FOREIGN_KEY = "23503";

	public static final String NOT_NULL = "23502";

	private final Connection connection;

	private RolledBackConnection(Connection connection) {
		this.connection = connection;
	}

	public static RolledBackConnection open() throws SQLException {
		Connection connection = TestDatabase.connect();
		connection.setAutoCommit(false);
		return new RolledBackConnection(connection);
	}

	public Connection connection() {
		return this.connection;
	}

	/**
	 * Asserts that the statement fails with the SQL state, and leaves the transaction
	 * usable.
	 */
	public void rejects(String sqlState, String sql) {
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("savepoint probe");
				try {
					statement.execute(sql);
				}
				finally {
					statement.execute("rollback to savepoint probe");
				}
			}
		}).satisfies((ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(sqlState));
	}

	public void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** The first column of the first row, e.g. of {@code insert … returning id}. */
	public long id(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			var result = statement.executeQuery(sql);
			result.next();
			return result.getLong(1);
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.connection.rollback();
		}
		finally {
			this.connection.close();
		}
	}

}
