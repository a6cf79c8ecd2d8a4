package org.centrik.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many failed logins the throttle lets through.
 *
 * @param account the limit per account (the login as given, whatever its case, known or
 * not)
 * @param address the limit per client address; higher, since a whole school may log in
 * from one address
 * @param tracked the most accounts, and the most addresses, one node keeps a throttle
 * for; past it the least recently used is forgotten
 */
@ConfigurationProperties("centrik.security.login")
record LoginProperties(Limit account, Limit address, int tracked) {

	LoginProperties {
		account = (account != null) ? account : new Limit(5, Duration.ofMinutes(15));
		address = (address != null) ? address : new Limit(30, Duration.ofMinutes(15));
		tracked = (tracked > 0) ? tracked : 100_000;
	}

	/**
	 * A number of failures per window. The failures are forgiven gradually: one every
	 * {@code window / failures}, all of them after a quiet window.
	 *
	 * @param failures failures allowed in a row before the next attempt waits
	 * @param window how long until they are all forgiven
	 */
	record Limit(int failures, Duration window) {

		Limit {
			if (failures < 1 || window == null || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException(
						"A login limit needs at least one failure and a positive window, not " + failures + " per "
								+ window + ".");
			}
		}

	}

}
