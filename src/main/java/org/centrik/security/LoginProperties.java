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
		account = Limit.withDefaults(account, 5);
		address = Limit.withDefaults(address, 30);
		tracked = (tracked > 0) ? tracked : 100_000;
	}

	/**
	 * A number of failures per window. The failures are forgiven gradually: one every
	 * {@code window / failures}, all of them after a quiet window.
	 *
	 * @param failures failures allowed in a row before the next attempt waits; 0 for the
	 * default
	 * @param window how long until they are all forgiven; {@code null} for 15 minutes
	 */
	record Limit(int failures, Duration window) {

		private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

		Limit {
			if (failures < 0 || (window != null && (window.isNegative() || window.isZero()))) {
				throw new IllegalArgumentException(
						"A login limit needs a positive number of failures and a positive window, not " + failures
								+ " per " + window + ".");
			}
		}

		// Either property may be set alone.
		private static Limit withDefaults(Limit limit, int failures) {
			if (limit == null) {
				return new Limit(failures, DEFAULT_WINDOW);
			}
			return new Limit((limit.failures() > 0) ? limit.failures() : failures,
					(limit.window() != null) ? limit.window() : DEFAULT_WINDOW);
		}

	}

}
