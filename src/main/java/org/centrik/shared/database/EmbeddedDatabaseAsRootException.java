package org.centrik.shared.database;

/**
 * Thrown when the embedded PostgreSQL would have to run as root, which PostgreSQL
 * refuses.
 */
class EmbeddedDatabaseAsRootException extends IllegalStateException {

	EmbeddedDatabaseAsRootException() {
		super("PostgreSQL refuses to run as the root user, and no database is configured");
	}

}
