package org.centrik.events;

import java.net.URI;

import org.centrik.shared.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An event cannot do that in its state: publish a finished event, finish a draft, edit a
 * cancelled one, register for one that is not open. Answered as a 409 problem detail (or
 * an RSocket error frame) with the code {@code illegal_transition} and the event's state.
 */
public class IllegalTransitionException extends ErrorResponseException {

	private final Event.State state;

	public IllegalTransitionException(long eventId, Event.State state, String detail) {
		super(HttpStatus.CONFLICT, problem(eventId, state, detail), null);
		this.state = state;
	}

	/** The state the event is in. */
	public Event.State state() {
		return this.state;
	}

	private static ProblemDetail problem(long eventId, Event.State state, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(URI.create(Problems.TYPE_BASE + "illegal-transition"));
		problem.setTitle("Illegal transition");
		problem.setProperty("code", "illegal_transition");
		problem.setProperty("eventId", eventId);
		problem.setProperty("state", state.code());
		return problem;
	}

}
