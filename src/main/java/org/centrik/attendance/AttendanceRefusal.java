package org.centrik.attendance;

import java.net.URI;
import java.time.Instant;

import org.centrik.shared.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An attendance command refused for a reason the client can act on, with a stable code:
 * over HTTP a problem detail, over RSocket an error frame {@code {"code", "detail", …}}
 * with the same code and properties.
 */
final class AttendanceRefusal extends ErrorResponseException {

	private AttendanceRefusal(HttpStatus status, ProblemDetail problem, HttpHeaders headers) {
		super(status, problem, null);
		if (headers != null) {
			getHeaders().putAll(headers);
		}
	}

	/** The teacher is in already: the first check-in stands. */
	static AttendanceRefusal alreadyCheckedIn(Participation first) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "already_checked_in", "Already checked in",
				"You were checked in at " + first.recordedAt() + ".");
		problem.setProperty("checkedInAt", first.recordedAt().toString());
		problem.setProperty("participationId", first.participationId());
		return new AttendanceRefusal(HttpStatus.CONFLICT, problem, null);
	}

	static AttendanceRefusal outsideWindow(String detail, Instant opensAt, Instant closesAt) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "outside_window",
				"Outside the check-in window", detail);
		problem.setProperty("opensAt", opensAt.toString());
		problem.setProperty("closesAt", closesAt.toString());
		return new AttendanceRefusal(HttpStatus.UNPROCESSABLE_CONTENT, problem, null);
	}

	static AttendanceRefusal codeExpired() {
		return new AttendanceRefusal(HttpStatus.UNPROCESSABLE_CONTENT,
				problem(HttpStatus.UNPROCESSABLE_CONTENT, "code_expired", "Code expired",
						"The code had already changed when it was scanned: scan the one on the screen now."),
				null);
	}

	static AttendanceRefusal codeInvalid() {
		return new AttendanceRefusal(HttpStatus.UNPROCESSABLE_CONTENT, problem(HttpStatus.UNPROCESSABLE_CONTENT,
				"code_invalid", "Code invalid", "This is not a check-in code of this event."), null);
	}

	static AttendanceRefusal eventCancelled(long eventId) {
		return new AttendanceRefusal(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "event_cancelled",
				"Event cancelled", "Event " + eventId + " was cancelled."), null);
	}

	static AttendanceRefusal tooManyAttempts(long retryAfterSeconds) {
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many attempts",
				"Too many check-in attempts for this event: try again in " + retryAfterSeconds + " s.");
		problem.setProperty("retryAfter", retryAfterSeconds);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
		return new AttendanceRefusal(HttpStatus.TOO_MANY_REQUESTS, problem, headers);
	}

	/** The teacher to mark or import is not of a member organisation of the network. */
	static AttendanceRefusal notMember(long teacherId) {
		return new AttendanceRefusal(HttpStatus.FORBIDDEN, problem(HttpStatus.FORBIDDEN, "not_member", "Not a member",
				"Teacher " + teacherId + "'s organisation is not a member of the event's network."), null);
	}

	private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Problems.TYPE_BASE + code.replace('_', '-')));
		problem.setTitle(title);
		problem.setProperty("code", code);
		return problem;
	}

}
