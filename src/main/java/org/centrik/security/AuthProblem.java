package org.centrik.security;

import java.net.URI;

import org.centrik.shared.Problems;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused login or token, answered as an RFC 9457 problem detail with a stable
 * {@code code}: {@code bad_credentials} (401), {@code too_many_attempts} (429 with
 * {@code Retry-After}), or the code of a {@link TokenRejectedException} (401). The detail
 * is fixed per code: it never says more than the code does.
 */
final class AuthProblem extends ErrorResponseException {

	private AuthProblem(HttpStatus status, ProblemDetail problem) {
		super(status, problem, null);
	}

	/** Unknown login, wrong password, disabled account or blank input alike. */
	static AuthProblem badCredentials() {
		return new AuthProblem(HttpStatus.UNAUTHORIZED, problem(HttpStatus.UNAUTHORIZED, "bad_credentials",
				"Bad credentials", "The login or the password is wrong."));
	}

	/**
	 * Too many failed logins for the account or the address.
	 * @param retryAfterSeconds whole seconds to wait, the value of {@code Retry-After}
	 */
	static AuthProblem tooManyAttempts(long retryAfterSeconds) {
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts", "Too many attempts",
				"Too many failed logins: try again in " + retryAfterSeconds + " s.");
		problem.setProperty("retryAfter", retryAfterSeconds);
		AuthProblem refused = new AuthProblem(HttpStatus.TOO_MANY_REQUESTS, problem);
		refused.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
		return refused;
	}

	/** A refresh token that is unknown, expired or revoked. */
	static AuthProblem tokenRejected(TokenRejectedException rejected) {
		String code = rejected.code();
		String detail = switch (code) {
			case "token_expired" -> "The token has expired: log in again.";
			case "token_revoked" -> "The token was revoked: log in again.";
			default -> "The token is not valid: log in again.";
		};
		return new AuthProblem(HttpStatus.UNAUTHORIZED,
				problem(HttpStatus.UNAUTHORIZED, code, "Token rejected", detail));
	}

	private static ProblemDetail problem(HttpStatus status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Problems.TYPE_BASE + code.replace('_', '-')));
		problem.setTitle(title);
		problem.setProperty("code", code);
		return problem;
	}

}
