package org.centrik.security;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The browser's login, through the same {@link Logins} as the token endpoint (throttle,
 * audit, no user enumeration). A success opens a token family for the session, which the
 * session's RSocket tokens belong to and logout revokes.
 */
class PasswordLogins implements ReactiveAuthenticationManager {

	private final Logins logins;

	private final Tokens tokens;

	PasswordLogins(Logins logins, Tokens tokens) {
		this.logins = logins;
		this.tokens = tokens;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String login = authentication.getName();
		Object credentials = authentication.getCredentials();
		String password = (credentials != null) ? credentials.toString() : null;
		String address = (authentication.getDetails() instanceof String details) ? details : null;
		return this.logins.login(login, password, address).flatMap((result) -> switch (result.outcome()) {
			case SUCCEEDED -> this.tokens.issue(result.user())
				.map((issued) -> new CallerAuthentication(Caller.of(result.user(), issued.family())));
			case THROTTLED -> Mono.error(new LoginThrottledException(result.retryAfterSeconds()));
			case BAD_CREDENTIALS -> Mono.error(new BadCredentialsException("Bad credentials"));
		});
	}

	/** A login as typed into the form, with the client's address for the throttle. */
	static UsernamePasswordAuthenticationToken request(String login, String password, String address) {
		UsernamePasswordAuthenticationToken request = UsernamePasswordAuthenticationToken.unauthenticated(login,
				password);
		request.setDetails(address);
		return request;
	}

}
