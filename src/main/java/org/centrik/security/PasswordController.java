package org.centrik.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.centrik.shared.Problems;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /api/auth/password} {@code {"currentPassword", "newPassword"}}: one's own
 * password, the only call allowed while {@code must_change_password}. The current
 * password is checked through {@link Logins} (throttled and audited like a login). Every
 * session and token of the user ends; the answer carries new tokens, and a browser's
 * session goes on under a new id.
 */
@RestController
class PasswordController {

	static final int MIN_LENGTH = 10;

	private final Logins logins;

	private final Users users;

	private final Tokens tokens;

	private final TransactionalOperator transaction;

	private final Clock clock;

	private final WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();

	PasswordController(Logins logins, Users users, Tokens tokens, ReactiveTransactionManager transactions,
			ObjectProvider<Clock> clock) {
		this.logins = logins;
		this.users = users;
		this.tokens = tokens;
		this.transaction = TransactionalOperator.create(transactions);
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	@PostMapping("/api/auth/password")
	Mono<ResponseEntity<NewTokens>> change(@RequestBody(required = false) PasswordChange body,
			@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
		String current = (body != null) ? body.currentPassword() : null;
		String next = (body != null) ? body.newPassword() : null;
		if (next == null || next.strip().length() < MIN_LENGTH
				|| next.strip().toLowerCase(Locale.ROOT).equals(caller.login().toLowerCase(Locale.ROOT))
				|| next.equals(current)) {
			return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "weak_password", "Weak password",
					"The new password needs at least " + MIN_LENGTH
							+ " characters and must differ from the login and the current password."));
		}
		String address = AuthController.address(exchange.getRequest());
		Actor actor = new Actor(caller.user(), caller.login(), address);
		return this.logins.login(caller.login(), current, address).flatMap((result) -> switch (result.outcome()) {
			case THROTTLED -> Mono.error(AuthProblem.tooManyAttempts(result.retryAfterSeconds()));
			case BAD_CREDENTIALS -> Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "wrong_password",
					"Wrong password", "The current password is wrong."));
			case SUCCEEDED -> this.users.changePassword(caller.user(), next, actor)
				.then(this.tokens.revokeAll(caller.user()))
				.then(this.users.find(caller.user()))
				.flatMap((user) -> this.tokens.issue(user).map((issued) -> new Changed(user, issued)))
				.as(this.transaction::transactional)
				.flatMap((changed) -> continueSession(exchange, caller, changed).thenReturn(changed.issued()))
				.map(this::answer);
		});
	}

	/** A browser's session goes on, as the user with the new password, under a new id. */
	private Mono<Void> continueSession(ServerWebExchange exchange, Caller caller, Changed changed) {
		if (caller.expiresAt() != null) {
			return Mono.empty();
		}
		CallerAuthentication authentication = new CallerAuthentication(
				Caller.of(changed.user(), changed.issued().family()));
		return this.sessions.save(exchange, new SecurityContextImpl(authentication))
			.then(exchange.getSession().flatMap((session) -> session.changeSessionId()));
	}

	private ResponseEntity<NewTokens> answer(IssuedTokens issued) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new NewTokens(issued.accessToken(), "Bearer", seconds(issued.accessTokenExpiresAt()),
					issued.refreshToken(), seconds(issued.refreshTokenExpiresAt())));
	}

	private long seconds(java.time.Instant at) {
		return Math.max(Duration.between(this.clock.instant(), at).getSeconds(), 0);
	}

	private record Changed(User user, IssuedTokens issued) {

	}

	/**
	 * A password change.
	 *
	 * @param currentPassword the password now
	 * @param newPassword the password from now on
	 */
	record PasswordChange(String currentPassword, String newPassword) {

		@Override
		public String toString() {
			return "PasswordChange[]";
		}

	}

	/**
	 * The tokens after a password change; every earlier one is revoked.
	 *
	 * @param accessToken the JWT
	 * @param tokenType always {@code Bearer}
	 * @param expiresIn seconds
	 * @param refreshToken the refresh token
	 * @param refreshExpiresIn seconds
	 */
	record NewTokens(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

		@Override
		public String toString() {
			return "NewTokens[expiresIn=" + this.expiresIn + "]";
		}

	}

}
