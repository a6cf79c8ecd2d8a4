package org.centrik.security;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a refusal made by a security filter, before any controller runs, as the same RFC
 * 9457 problem detail the controllers answer with.
 */
final class ProblemWriter {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProblemWriter() {
	}

	static Mono<Void> write(ServerWebExchange exchange, ErrorResponse error) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		ProblemDetail problem = error.getBody();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", exchange.getRequest().getPath().value());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		response.setStatusCode(error.getStatusCode());
		response.getHeaders().addAll(error.getHeaders());
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setCacheControl("no-store");
		byte[] bytes = json.writeValueAsBytes(body);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
	}

}
