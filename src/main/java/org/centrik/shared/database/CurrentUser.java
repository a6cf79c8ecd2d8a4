package org.centrik.shared.database;

/**
 * Whether this process runs as the root user, whom PostgreSQL refuses to run as.
 */
final class CurrentUser {

	private CurrentUser() {
	}

	static boolean isRoot() {
		try {
			return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
		}
		catch (LinkageError | RuntimeException ex) {
			// not a Unix system: there is no root to refuse
			return false;
		}
	}

}
