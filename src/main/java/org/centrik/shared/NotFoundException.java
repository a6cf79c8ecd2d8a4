package org.centrik.shared;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Something named by its id does not exist; answered as a 404 problem detail.
 */
public class NotFoundException extends ErrorResponseException {

	public NotFoundException(String kind, Object id) {
		super(HttpStatus.NOT_FOUND, problem(kind, id), null);
	}

	private static ProblemDetail problem(String kind, Object id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no " + kind + " with id " + id + ".");
		problem.setType(URI.create(Problems.TYPE_BASE + "not-found"));
		problem.setTitle("Not found");
		problem.setProperty("code", "not_found");
		return problem;
	}

}
