package org.centrik.shared;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The caller is known but may not do this; answered as a 403 problem detail with the code
 * {@code forbidden}, or over RSocket as an error frame with that code. Says what is
 * missing, never what exists.
 */
public class ForbiddenException extends ErrorResponseException {

	public ForbiddenException(String detail) {
		this("forbidden", detail);
	}

	/**
	 * A refusal with a more precise code than {@code forbidden}, e.g. {@code not_member}.
	 */
	public ForbiddenException(String code, String detail) {
		super(HttpStatus.FORBIDDEN, problem(code, detail), null);
	}

	private static ProblemDetail problem(String code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setType(URI.create(Problems.TYPE_BASE + code.replace('_', '-')));
		problem.setTitle("Forbidden");
		problem.setProperty("code", code);
		return problem;
	}

}
