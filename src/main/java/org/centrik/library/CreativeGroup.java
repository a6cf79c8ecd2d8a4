package org.centrik.library;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An inter-school creative group: applied for, then created or rejected (with reasons) by
 * the coordinator, within seven calendar days of the application.
 *
 * @param state {@code applied}, {@code created}, {@code rejected}
 * @param decisionDueAt seven days after the application
 * @param overdue whether it still waits for its decision after that
 */
public record CreativeGroup(long id, long networkId, String name, String problem, String expectedResult,
		LocalDate termFrom, LocalDate termTo, long leaderId, List<Member> members, String state, String decisionReason,
		Instant appliedAt, Instant decisionDueAt, boolean overdue, Instant decidedAt) {

	/** Rule 8 of the regulations: the decision comes within seven days. */
	static final Duration DECISION_TERM = Duration.ofDays(7);

	static Instant decisionDueAt(Instant appliedAt) {
		return appliedAt.plus(DECISION_TERM);
	}

	static boolean overdue(Instant appliedAt, Instant decidedAt, Clock clock) {
		return decidedAt == null && clock.instant().isAfter(decisionDueAt(appliedAt));
	}

	/** A teacher of the group, with their organisation. */
	public record Member(long teacherId, String name, long organisationId) {
	}

}
