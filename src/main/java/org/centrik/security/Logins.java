package org.centrik.security;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Decides logins: the throttle first, then the password, and an audit entry for every
 * attempt, with the address it came from. The answer never tells an unknown login from a
 * wrong password or a disabled account, and a throttled attempt never has its password
 * checked, so the wait cannot be used to test passwords.
 */
@Service
public class Logins {

	// Longer than any e-mail address: what an attacker sends is cut before it is stored.
	private static final int MAX_AUDITED_LOGIN = 320;

	private final Users users;

	private final AuditLog audit;

	private final LoginThrottle throttle;

	Logins(Users users, AuditLog audit, LoginThrottle throttle) {
		this.users = users;
		this.audit = audit;
		this.throttle = throttle;
	}

	/**
	 * Attempts a login; never fails for bad input, only if the audit log cannot be
	 * written.
	 * @param login the login as given
	 * @param password the password as given
	 * @param address the client address
	 * @return the outcome, once audited
	 */
	public Mono<LoginResult> login(String login, String password, String address) {
		return Mono.defer(() -> {
			LoginAttempt attempt = this.throttle.attempt(login, address);
			if (attempt.throttled()) {
				LoginResult throttled = LoginResult.throttled(attempt.retryAfter());
				return failed(login, address, throttled);
			}
			if (!StringUtils.hasText(login) || !StringUtils.hasText(password)) {
				return failed(login, address, LoginResult.badCredentials());
			}
			return this.users.authenticate(login, password)
				.doOnNext((user) -> attempt.succeeded())
				.flatMap((user) -> succeeded(user, address))
				.switchIfEmpty(Mono.defer(() -> failed(login, address, LoginResult.badCredentials())));
		});
	}

	private Mono<LoginResult> succeeded(User user, String address) {
		LoginResult result = LoginResult.succeeded(user);
		return this.audit
			.record(new Actor(user.id(), user.login(), address), AuditAction.LOGIN_SUCCEEDED,
					"user:" + user.id().value(), Map.of("mustChangePassword", user.mustChangePassword()))
			.thenReturn(result);
	}

	private Mono<LoginResult> failed(String login, String address, LoginResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("reason", result.outcome().code());
		if (result.outcome() == LoginResult.Outcome.THROTTLED) {
			details.put("retryAfterSeconds", result.retryAfterSeconds());
		}
		return this.audit.record(new Actor(null, audited(login), address), AuditAction.LOGIN_FAILED, null, details)
			.thenReturn(result);
	}

	private static String audited(String login) {
		return (login != null && login.length() > MAX_AUDITED_LOGIN) ? login.substring(0, MAX_AUDITED_LOGIN) : login;
	}

}
