package org.centrik.library;

import java.time.LocalDate;
import java.util.List;

/**
 * An application for an inter-school creative group; its leader is the teacher who
 * applies.
 *
 * @param memberIds the other teachers of the group; with the leader, from at least two
 * member organisations of the network
 * @param termFrom the first day of the group's term
 * @param termTo the last day of its term
 */
public record CreativeGroupApplication(Long networkId, String name, String problem, String expectedResult,
		LocalDate termFrom, LocalDate termTo, List<Long> memberIds) {

	public CreativeGroupApplication {
		memberIds = (memberIds != null) ? List.copyOf(memberIds) : List.of();
	}

	CreativeGroupApplication validated() {
		if (this.networkId == null) {
			throw new IllegalArgumentException("A creative group is applied for in a network (networkId).");
		}
		if (blank(this.name) || blank(this.problem) || blank(this.expectedResult)) {
			throw new IllegalArgumentException("An application names the group, its problem and expected result.");
		}
		if (this.termFrom == null || this.termTo == null || this.termTo.isBefore(this.termFrom)) {
			throw new IllegalArgumentException("An application states its term: termFrom on or before termTo.");
		}
		return this;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
