package org.centrik.matrix;

import java.time.Instant;
import java.util.List;

/**
 * One request as a cell of the matrix shows it: the payload of {@code request.changed} on
 * the matrix topic, and an element of its snapshot (frontend-protocol
 * {@code matrix-request.json}).
 */
record MatrixRequest(long id, long practiceId, String practiceTitle, String direction, long applicantId,
		String applicantName, long executorId, String executorName, String state, String desiredFormat,
		Integer teachersCount, String declineReason, List<Long> eventIds, Instant submittedAt, Instant updatedAt) {

	static MatrixRequest of(Request request) {
		return new MatrixRequest(request.id(), request.practiceId(), request.practiceTitle(), request.direction(),
				request.applicantId(), request.applicantName(), request.executorId(), request.executorName(),
				request.state().code(), request.desiredFormat(), request.teachersCount(), request.declineReason(),
				request.eventIds(), request.submittedAt(), request.updatedAt());
	}

}
