package org.centrik.shared;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

}
