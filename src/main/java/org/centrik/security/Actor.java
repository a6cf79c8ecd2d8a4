package org.centrik.security;

/**
 * Who does something, as the audit log records it: the user (absent for the server itself
 * and for a login attempt on an unknown account), the login they gave, and the address
 * they came from (absent when not over the network).
 *
 * @param user the acting user, or {@code null}
 * @param login the login as given, or {@code system}
 * @param address the remote address, or {@code null}
 */
public record Actor(UserId user, String login, String address) {

	/** The server itself, e.g. at start-up. */
	public static Actor system() {
		return new Actor(null, "system", null);
	}

}
