package org.centrik.security;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in user, for the web UI: who they are ({@code GET /api/me}) and an access
 * token for the RSocket connection of their session
 * ({@code POST /api/auth/session-token}, CSRF-protected like every unsafe call of a
 * session).
 */
@RestController
class SessionController {

	private final Profiles profiles;

	private final Tokens tokens;

	private final Clock clock;

	SessionController(Profiles profiles, Tokens tokens, ObjectProvider<Clock> clock) {
		this.profiles = profiles;
		this.tokens = tokens;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@GetMapping("/api/me")
	Mono<ResponseEntity<Profile>> me(@AuthenticationPrincipal Caller caller) {
		return this.profiles.of(caller)
			.map((profile) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(profile));
	}

	/**
	 * A new access token in the session's family, with the user's current roles: 401
	 * {@code token_revoked} once the session was logged out elsewhere.
	 */
	@PostMapping("/api/auth/session-token")
	Mono<ResponseEntity<SessionToken>> sessionToken(@AuthenticationPrincipal Caller caller) {
		return this.tokens.access(caller.user(), caller.family())
			.map((issued) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(new SessionToken(issued.accessToken(), "Bearer",
						Math.max(Duration.between(this.clock.instant(), issued.accessTokenExpiresAt()).getSeconds(),
								0))))
			.onErrorMap(TokenRejectedException.class, AuthProblem::tokenRejected);
	}

	/**
	 * An access token for the session's RSocket connection.
	 *
	 * @param accessToken the JWT, for the SETUP frame's bearer metadata
	 * @param tokenType always {@code Bearer}
	 * @param expiresIn seconds until it expires: ask again before
	 */
	record SessionToken(String accessToken, String tokenType, long expiresIn) {

		@Override
		public String toString() {
			return "SessionToken[expiresIn=" + this.expiresIn + "]";
		}

	}

}
