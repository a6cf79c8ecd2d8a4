package org.centrik.security;

import org.springframework.http.server.reactive.ServerHttpRequest;

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

	/** A logged-in caller, from the address of their request. */
	public static Actor of(Caller caller, ServerHttpRequest request) {
		return new Actor(caller.user(), caller.login(), (request != null) ? AuthController.address(request) : null);
	}

	/** The server itself, e.g. at start-up. */
	public static Actor system() {
		return new Actor(null, "system", null);
	}

}
