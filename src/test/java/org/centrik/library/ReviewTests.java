package org.centrik.library;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 7: a review is due ten calendar days after assignment, weekends included. */
class ReviewTests {

	// A Friday afternoon in Moscow.
	private static final Instant FRIDAY = Instant.parse("2026-11-20T12:00:00Z");

	@Test
	void reviewAssignedOnFridayIsDueOnMondayTenCalendarDaysLaterWeekendsCounted() {
		assertThat(Review.dueAt(FRIDAY)).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
		assertThat(Review.dueAt(FRIDAY).atZone(ZoneOffset.UTC).getDayOfWeek()).hasToString("MONDAY");
	}

	@Test
	void openReviewIsOverdueOnlyAfterItsDeadline() {
		assertThat(Review.overdue(FRIDAY, null, at("2026-11-30T11:59:59Z"))).isFalse();
		assertThat(Review.overdue(FRIDAY, null, at("2026-11-30T12:00:00Z"))).isFalse();
		assertThat(Review.overdue(FRIDAY, null, at("2026-11-30T12:00:01Z"))).isTrue();
	}

	@Test
	void concludedReviewIsNeverOverdue() {
		assertThat(Review.overdue(FRIDAY, Instant.parse("2026-12-05T10:00:00Z"), at("2026-12-10T00:00:00Z"))).isFalse();
	}

	private static Clock at(String instant) {
		return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
	}

}
