package org.centrik.security;

import org.springframework.security.core.AuthenticationException;

/** A browser login refused by the throttle: wait, even with the right password. */
final class LoginThrottledException extends AuthenticationException {

	private final long retryAfterSeconds;

	LoginThrottledException(long retryAfterSeconds) {
		super("Too many failed logins: try again in " + retryAfterSeconds + " s.");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
