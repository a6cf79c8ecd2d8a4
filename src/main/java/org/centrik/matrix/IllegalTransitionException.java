package org.centrik.matrix;

import org.centrik.shared.ConflictException;

/**
 * A request cannot make this move from where it is, e.g. accepting a withdrawn request: a
 * 409 problem (or an RSocket error frame) with the code {@code illegal_transition}.
 */
public class IllegalTransitionException extends ConflictException {

	IllegalTransitionException(long request, RequestState from, RequestState to) {
		super("illegal_transition", "Request " + request + " is " + from.code() + " and cannot become " + to.code()
				+ (from.next().isEmpty() ? " (it is final)." : " (it can become " + codes(from) + ")."));
	}

	private static String codes(RequestState from) {
		return String.join(", ", from.next().stream().map(RequestState::code).toList());
	}

}
