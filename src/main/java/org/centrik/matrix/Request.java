package org.centrik.matrix;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A request of an applicant organisation for an executor's practice: a cell entry of the
 * collaboration matrix.
 *
 * @param schoolYear the school year it belongs to, by its starting calendar year
 * @param executorId the organisation that declared the practice
 * @param eventIds the events that answer it
 */
public record Request(long id, long networkId, int schoolYear, long practiceId, String practiceTitle, String direction,
		long applicantId, String applicantName, long executorId, String executorName, RequestState state,
		String desiredFormat, LocalDate periodFrom, LocalDate periodTo, Integer teachersCount, String comment,
		String declineReason, List<Long> eventIds, Instant submittedAt, Instant updatedAt) {

	public Request {
		eventIds = List.copyOf(eventIds);
	}

}
