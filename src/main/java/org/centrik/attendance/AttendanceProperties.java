package org.centrik.attendance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How check-in works: code rotation, how late an offline phone may be, the rate limit.
 *
 * @param qrPeriod how long one QR token is shown (the previous one is still accepted)
 * @param wordPeriod how long one code word is shown (read aloud in webinars, so longer)
 * @param codeSecret base64 of at least 32 bytes that signs the codes; without it a secret
 * is created once and kept in the database, shared by every node
 * @param lateArrival how long after the window closed a check-in scanned inside it may
 * still arrive (a phone that was offline)
 * @param clockSkew how far in the future a phone's scan time may be
 * @param checkIns the check-in rate limit per user and event
 * @param tracked the most users × events one node keeps a rate limit for
 */
@ConfigurationProperties("centrik.attendance")
record AttendanceProperties(Duration qrPeriod, Duration wordPeriod, String codeSecret, Duration lateArrival,
		Duration clockSkew, Limit checkIns, int tracked) {

	AttendanceProperties {
		qrPeriod = positive(qrPeriod, Duration.ofSeconds(20));
		wordPeriod = positive(wordPeriod, Duration.ofMinutes(5));
		lateArrival = (lateArrival != null && !lateArrival.isNegative()) ? lateArrival : Duration.ofHours(24);
		clockSkew = (clockSkew != null && !clockSkew.isNegative()) ? clockSkew : Duration.ofMinutes(2);
		checkIns = (checkIns != null) ? checkIns : new Limit(0, null);
		tracked = (tracked > 0) ? tracked : 100_000;
	}

	private static Duration positive(Duration value, Duration otherwise) {
		return (value != null && !value.isNegative() && !value.isZero()) ? value : otherwise;
	}

	/**
	 * Attempts per window.
	 *
	 * @param attempts attempts allowed; 0 for the default, 10
	 * @param window in how long they refill; {@code null} for a minute
	 */
	record Limit(int attempts, Duration window) {

		Limit {
			attempts = (attempts > 0) ? attempts : 10;
			window = positive(window, Duration.ofMinutes(1));
		}

	}

}
