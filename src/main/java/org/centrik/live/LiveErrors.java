package org.centrik.live;

import org.centrik.shared.RouteInput;
import io.rsocket.exceptions.ApplicationErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.security.TokenAuthenticationException;
import org.centrik.shared.DatabaseUnavailable;
import org.centrik.shared.ForbiddenException;
import org.centrik.shared.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.codec.DecodingException;
import org.springframework.web.ErrorResponseException;
import org.springframework.messaging.MessagingException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into RSocket error frames whose message is JSON with a stable code,
 * {@code {"code": "not_found", "detail": "…"}}, as frontend-protocol declares. Never a
 * stack trace. A problem detail with a {@code code} property becomes a frame with that
 * code, its detail and its other properties, so that HTTP and RSocket refuse alike.
 */
public final class LiveErrors {

	private static final Log logger = LogFactory.getLog(LiveErrors.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private LiveErrors() {
	}

	/** The error frame of a failure of a route. */
	public static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof ApplicationErrorException frame) {
			return frame;
		}
		if (DatabaseUnavailable.causedBy(failure)) {
			logger.warn("Live request failed, the database is unavailable: " + failure);
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("code", DatabaseUnavailable.CODE);
			error.put("detail", DatabaseUnavailable.DETAIL);
			error.put("retryAfter", DatabaseUnavailable.RETRY_AFTER_SECONDS);
			return new ApplicationErrorException(json.writeValueAsString(error));
		}
		if (failure instanceof ErrorResponseException problem && problem.getBody().getProperties() != null
				&& problem.getBody().getProperties().get("code") instanceof String code) {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("code", code);
			error.put("detail", problem.getBody().getDetail());
			problem.getBody().getProperties().forEach(error::putIfAbsent);
			return new ApplicationErrorException(json.writeValueAsString(error));
		}
		if (failure instanceof ForbiddenException forbidden) {
			return frame("forbidden", forbidden.getBody().getDetail());
		}
		if (failure instanceof TokenAuthenticationException token) {
			return frame(token.code(), token.detail());
		}
		if (failure instanceof NotFoundException notFound) {
			return frame("not_found", notFound.getBody().getDetail());
		}
		if (failure instanceof IllegalArgumentException) {
			return frame("bad_input", failure.getMessage());
		}
		if (RouteInput.isBad(failure)) {
			return frame("bad_input", "The route or its data is not what this route takes.");
		}
		if (failure instanceof ServerWebInputException || failure instanceof DecodingException
				|| failure instanceof MessagingException) {
			return frame("bad_input",
					"The request data is not what this route takes: {\"since\": <integer >= 0>} or {}.");
		}
		logger.error("Live request failed", failure);
		return frame("internal", "The server could not complete the request.");
	}

	static ApplicationErrorException frame(String code, String detail) {
		return new ApplicationErrorException(json.writeValueAsString(new Error(code, detail)));
	}

	private record Error(String code, String detail) {
	}

}
