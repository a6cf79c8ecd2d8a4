package org.centrik.support;

import java.time.Duration;

import io.rsocket.exceptions.ApplicationErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.rsocket.RSocketRequester;

/**
 * Request-response calls of a route test: the answer, or the error frame's JSON
 * ({@code {"code", "detail", …}}) of a refusal.
 */
public final class RouteCalls {

	private static final JsonMapper json = JsonMapper.builder().build();

	private RouteCalls() {
	}

	/** The route's answer (an error frame throws {@link ApplicationErrorException}). */
	public static JsonNode call(RSocketRequester requester, String route, Object data, Object... variables) {
		return requester.route(route, variables).data(data).retrieveMono(JsonNode.class).block(Duration.ofSeconds(10));
	}

	/** The error frame the route answers with; fails when it answers at all. */
	public static JsonNode error(RSocketRequester requester, String route, Object data, Object... variables) {
		try {
			call(requester, route, data, variables);
		}
		catch (ApplicationErrorException ex) {
			return json.readTree(ex.getMessage());
		}
		throw new AssertionError("expected an error frame from " + route);
	}

}
