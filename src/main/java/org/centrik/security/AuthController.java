package org.centrik.security;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens for API clients, as JSON: no cookies, so no CSRF. {@code POST /api/auth/token}
 * logs in with a login and a password, {@code POST /api/auth/refresh} exchanges a refresh
 * token for a new pair, {@code POST /api/auth/logout} revokes a refresh token's family,
 * and {@code GET /.well-known/jwks.json} publishes the keys that verify access tokens.
 * <p>
 * The throttle keys logins by the request's remote address, the peer of the TCP
 * connection: behind a proxy every client shares the proxy's address until forwarded
 * headers are configured.
 */
@RestController
class AuthController {

	private static final String BEARER = "Bearer";

	private static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);

	private final Logins logins;

	private final Tokens tokens;

	private final SigningKeys keys;

	private final Clock clock;

	AuthController(Logins logins, Tokens tokens, SigningKeys keys, ObjectProvider<Clock> clock) {
		this.logins = logins;
		this.tokens = tokens;
		this.keys = keys;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Logs in: 200 with tokens, 401 {@code bad_credentials} for any wrong or missing
	 * credentials, 429 {@code too_many_attempts} with {@code Retry-After}.
	 */
	@PostMapping("/api/auth/token")
	Mono<ResponseEntity<TokenResponse>> token(@RequestBody(required = false) TokenRequest body,
			ServerHttpRequest request) {
		String login = (body != null) ? body.login() : null;
		String password = (body != null) ? body.password() : null;
		return this.logins.login(login, password, address(request)).flatMap((result) -> switch (result.outcome()) {
			case SUCCEEDED ->
				this.tokens.issue(result.user()).map((issued) -> issued(issued, result.mustChangePassword()));
			case THROTTLED -> Mono.error(AuthProblem.tooManyAttempts(result.retryAfterSeconds()));
			case BAD_CREDENTIALS -> Mono.error(AuthProblem.badCredentials());
		});
	}

	/**
	 * Exchanges a refresh token for a new pair; the presented one is spent. 401 with
	 * {@code token_invalid}, {@code token_expired} or {@code token_revoked}.
	 */
	@PostMapping("/api/auth/refresh")
	Mono<ResponseEntity<TokenResponse>> refresh(@RequestBody(required = false) RefreshRequest body) {
		return this.tokens.refresh((body != null) ? body.refreshToken() : null)
			.map((issued) -> issued(issued, null))
			.onErrorMap(TokenRejectedException.class, AuthProblem::tokenRejected);
	}

	/**
	 * Revokes the refresh token's family; 204 whether or not the token was known, so that
	 * logout tells nothing about a token.
	 */
	@PostMapping("/api/auth/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> logout(@RequestBody(required = false) RefreshRequest body) {
		return this.tokens.revoke((body != null) ? body.refreshToken() : null);
	}

	/** The public keys, active and retired, that verify access tokens. */
	@GetMapping("/.well-known/jwks.json")
	Mono<ResponseEntity<Map<String, Object>>> jwks() {
		return this.keys.publicKeys()
			.map((keys) -> ResponseEntity.ok().cacheControl(CacheControl.maxAge(JWKS_MAX_AGE)).body(keys));
	}

	private ResponseEntity<TokenResponse> issued(IssuedTokens issued, Boolean mustChangePassword) {
		Instant now = this.clock.instant();
		TokenResponse response = new TokenResponse(issued.accessToken(), BEARER,
				secondsUntil(now, issued.accessTokenExpiresAt()), issued.refreshToken(),
				secondsUntil(now, issued.refreshTokenExpiresAt()), mustChangePassword);
		// RFC 6749 5.1: responses carrying tokens are not cached
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(response);
	}

	private static long secondsUntil(Instant now, Instant at) {
		return Math.max(Duration.between(now, at).getSeconds(), 0);
	}

	/**
	 * The peer's IP address, without an IPv6 zone; {@code null} when unknown (all unknown
	 * addresses then share one throttle).
	 */
	static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null) {
			return null;
		}
		InetAddress address = remote.getAddress();
		String host = (address != null) ? address.getHostAddress() : remote.getHostString();
		int zone = host.indexOf('%');
		return (zone >= 0) ? host.substring(0, zone) : host;
	}

	/**
	 * A login.
	 *
	 * @param login the login as typed
	 * @param password the password as typed
	 */
	record TokenRequest(String login, String password) {

		@Override
		public String toString() {
			return "TokenRequest[login=" + this.login + "]";
		}

	}

	/**
	 * A refresh or a logout.
	 *
	 * @param refreshToken the refresh token the client holds
	 */
	record RefreshRequest(String refreshToken) {

		@Override
		public String toString() {
			return "RefreshRequest[]";
		}

	}

	/**
	 * Tokens for the client.
	 *
	 * @param accessToken the JWT to send as a bearer token
	 * @param tokenType always {@code Bearer}
	 * @param expiresIn seconds until the access token expires
	 * @param refreshToken the opaque secret for one refresh
	 * @param refreshExpiresIn seconds until the refresh token expires
	 * @param mustChangePassword at login: whether the password must be changed before
	 * anything else; absent after a refresh
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
			long refreshExpiresIn, Boolean mustChangePassword) {

		@Override
		public String toString() {
			return "TokenResponse[expiresIn=" + this.expiresIn + ", refreshExpiresIn=" + this.refreshExpiresIn + "]";
		}

	}

}
