package org.centrik.shared.database;

/**
 * Where this server's PostgreSQL comes from.
 */
public enum DatabaseMode {

	/**
	 * Started by this server from the binaries in its jar, for one user on one machine.
	 */
	EMBEDDED,

	/** A server that was configured: a district's PostgreSQL, docker compose or CI's. */
	EXTERNAL

}
