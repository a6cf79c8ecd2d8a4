package org.centrik.security;

import org.centrik.shared.DatabaseUnavailable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer token, from an HTTP {@code Authorization} header or RSocket
 * authentication metadata, with {@link Tokens#verify}: a {@link CallerAuthentication}, or
 * a {@link TokenAuthenticationException} with the token's code, or {@code unavailable}
 * when PostgreSQL could not be asked.
 */
class BearerTokens implements ReactiveAuthenticationManager {

	private final Tokens tokens;

	BearerTokens(Tokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return Mono.empty();
		}
		return this.tokens.verify(bearer.getToken())
			.<Authentication>map((token) -> new CallerAuthentication(Caller.of(token)))
			.onErrorMap(TokenRejectedException.class, TokenAuthenticationException::of)
			// the token could not be checked (revocation is in PostgreSQL): say so, with
			// the
			// retryable code, rather than fail with the driver's message
			.onErrorMap(DatabaseUnavailable::causedBy,
					(ex) -> new TokenAuthenticationException(DatabaseUnavailable.CODE, DatabaseUnavailable.DETAIL));
	}

}
