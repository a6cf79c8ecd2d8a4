package org.centrik.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One expert's review of a product: due ten calendar days after the expert was assigned
 * (weekends and holidays count), overdue while it has no conclusion after that.
 *
 * @param version the version of the product reviewed
 * @param reviewerId the expert's user account
 * @param conclusion {@code approve}, {@code approve_and_recommend},
 * {@code return_for_revision}, {@code reject}, or {@code null} while open
 * @param assessment the structured assessment, scores 1–5 per criterion
 */
public record Review(long id, long productId, int version, Long reviewerId, String expertName, Instant assignedAt,
		Instant dueAt, boolean overdue, String conclusion, String comments, Map<String, Object> assessment,
		Instant decidedAt) {

	/** Rule 7 of the regulations: a submitted product gets its review within ten days. */
	static final Duration REVIEW_TERM = Duration.ofDays(10);

	static Instant dueAt(Instant assignedAt) {
		return assignedAt.plus(REVIEW_TERM);
	}

	static boolean overdue(Instant assignedAt, Instant decidedAt, Clock clock) {
		return decidedAt == null && clock.instant().isAfter(dueAt(assignedAt));
	}

}
