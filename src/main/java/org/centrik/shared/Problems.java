package org.centrik.shared;

import java.net.URI;
import java.util.Locale;

import io.r2dbc.spi.R2dbcException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import reactor.core.publisher.Mono;

/**
 * Every HTTP error is an RFC 9457 problem detail with a stable {@code code} that clients
 * translate; never a stack trace.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

	/** Where the problem types are described; see docs/api.md. */
	public static final String TYPE_BASE = "https://centrik.org/problems/";

	/**
	 * A refusal to throw or return: answered as a problem detail whose type and
	 * {@code code} are the code given.
	 * @param status the HTTP status
	 * @param code the stable code clients act on, e.g. {@code illegal_transition}
	 * @param title a short title
	 * @param detail what happened, for people
	 * @return the exception
	 */
	public static ErrorResponseException problem(HttpStatus status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
		problem.setTitle(title);
		problem.setProperty("code", code);
		return new ErrorResponseException(status, problem, null);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		problem.setType(URI.create(TYPE_BASE + "bad-input"));
		problem.setProperty("code", "bad_input");
		if (ex.getMethodParameter() != null && ex.getMethodParameter().getParameterName() != null) {
			problem.setDetail("Parameter '" + ex.getMethodParameter().getParameterName() + "' has an invalid value.");
		}
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	Mono<ResponseEntity<Object>> handleIllegalArgument(IllegalArgumentException ex, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setType(URI.create(TYPE_BASE + "bad-input"));
		problem.setProperty("code", "bad_input");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, exchange);
	}

	/**
	 * The database went away (restarted, unreachable, out of connections): 503
	 * {@code unavailable} with {@code Retry-After}, worth retrying with the same client
	 * id. Other data access failures stay server faults.
	 */
	@ExceptionHandler({ DataAccessException.class, R2dbcException.class, TransactionException.class })
	Mono<ResponseEntity<Object>> handleDataAccess(Exception ex, ServerWebExchange exchange) {
		if (!DatabaseUnavailable.causedBy(ex)) {
			return Mono.error(ex);
		}
		ErrorResponseException unavailable = DatabaseUnavailable.problem();
		return handleExceptionInternal(unavailable, unavailable.getBody(), unavailable.getHeaders(),
				unavailable.getStatusCode(), exchange);
	}

	/**
	 * Problems that Spring answers by itself (a body too large, an unsupported media
	 * type, a method not allowed) get a code too: the status's name, e.g.
	 * {@code content_too_large}.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body == null && ex instanceof ErrorResponse response) {
			body = response.getBody();
		}
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			HttpStatus known = HttpStatus.resolve(status.value());
			String code = (known != null) ? known.name().toLowerCase(Locale.ROOT) : "http_" + status.value();
			problem.setProperty("code", code);
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(URI.create(TYPE_BASE + code.replace('_', '-')));
			}
		}
		return super.handleExceptionInternal(ex, body, headers, status, exchange);
	}

}
