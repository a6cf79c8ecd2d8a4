package org.centrik.security;

import java.time.Duration;

import io.github.bucket4j.Bucket;

/**
 * One login attempt as the throttle sees it: throttled, or holding a token of its account
 * and of its address until it is known whether the password was right.
 */
final class LoginAttempt {

	private final Bucket account;

	private final Bucket address;

	private final Duration retryAfter;

	private LoginAttempt(Bucket account, Bucket address, Duration retryAfter) {
		this.account = account;
		this.address = address;
		this.retryAfter = retryAfter;
	}

	static LoginAttempt started(Bucket account, Bucket address) {
		return new LoginAttempt(account, address, Duration.ZERO);
	}

	static LoginAttempt throttled(Duration retryAfter) {
		return new LoginAttempt(null, null, retryAfter);
	}

	boolean throttled() {
		return this.account == null;
	}

	/** How long until an attempt may be made again; zero when not throttled. */
	Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * The password was right: only failures count, so the tokens go back. A failure needs
	 * no call: its tokens stay taken.
	 */
	void succeeded() {
		if (!throttled()) {
			this.account.addTokens(1);
			this.address.addTokens(1);
		}
	}

}
