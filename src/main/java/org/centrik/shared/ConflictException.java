package org.centrik.shared;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request is well formed but the state of things refuses it (an illegal transition, a
 * lapsed agreement, a number already taken); answered as a 409 problem detail with a
 * stable {@code code}, or over RSocket as an error frame with that code.
 */
public class ConflictException extends ErrorResponseException {

	private final String code;

	public ConflictException(String code, String detail) {
		super(HttpStatus.CONFLICT, problem(code, detail), null);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	private static ProblemDetail problem(String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
		problem.setType(URI.create(Problems.TYPE_BASE + code.replace('_', '-')));
		problem.setTitle("Conflict");
		problem.setProperty("code", code);
		return problem;
	}

}
