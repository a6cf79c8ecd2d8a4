package org.centrik.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a login attempt came to: the user, a refusal that says nothing about why the
 * credentials were wrong, or a wait.
 */
public final class LoginResult {

	private final Outcome outcome;

	private final User user;

	private final Duration retryAfter;

	private LoginResult(Outcome outcome, User user, Duration retryAfter) {
		this.outcome = outcome;
		this.user = user;
		this.retryAfter = retryAfter;
	}

	static LoginResult succeeded(User user) {
		return new LoginResult(Outcome.SUCCEEDED, Objects.requireNonNull(user), Duration.ZERO);
	}

	static LoginResult badCredentials() {
		return new LoginResult(Outcome.BAD_CREDENTIALS, null, Duration.ZERO);
	}

	static LoginResult throttled(Duration retryAfter) {
		return new LoginResult(Outcome.THROTTLED, null, retryAfter);
	}

	public Outcome outcome() {
		return this.outcome;
	}

	/** The user who logged in, or {@code null} unless {@link Outcome#SUCCEEDED}. */
	public UserId userId() {
		return (this.user != null) ? this.user.id() : null;
	}

	/**
	 * Whether the user logged in with a one-time password and must set a new one before
	 * anything else.
	 */
	public boolean mustChangePassword() {
		return this.user != null && this.user.mustChangePassword();
	}

	/**
	 * Whole seconds to wait before trying again (at least one) when
	 * {@link Outcome#THROTTLED}, else zero: the value of {@code Retry-After}.
	 */
	public long retryAfterSeconds() {
		if (this.outcome != Outcome.THROTTLED) {
			return 0;
		}
		long seconds = this.retryAfter.getSeconds() + ((this.retryAfter.getNano() > 0) ? 1 : 0);
		return Math.max(seconds, 1);
	}

	User user() {
		return this.user;
	}

	@Override
	public String toString() {
		return switch (this.outcome) {
			case SUCCEEDED -> "LoginResult[succeeded, user " + this.user.id().value() + "]";
			case BAD_CREDENTIALS -> "LoginResult[bad_credentials]";
			case THROTTLED -> "LoginResult[throttled, retry after " + retryAfterSeconds() + " s]";
		};
	}

	/** The kinds of answer to a login. */
	public enum Outcome {

		SUCCEEDED,

		/** Unknown login, wrong password, disabled account or blank input alike. */
		BAD_CREDENTIALS,

		/**
		 * Too many failures for the account or the address; the password was not checked.
		 */
		THROTTLED;

		/** The code clients and the audit log see. */
		public String code() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
