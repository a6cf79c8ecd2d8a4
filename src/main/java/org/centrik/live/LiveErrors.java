package org.centrik.live;

import io.rsocket.exceptions.ApplicationErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.centrik.security.TokenAuthenticationException;
import org.centrik.shared.ForbiddenException;
import org.centrik.shared.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.messaging.MessagingException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into RSocket error frames whose message is JSON with a stable code,
 * {@code {"code": "not_found", "detail": "…"}}, as frontend-protocol declares. Never a
 * stack trace.
 */
final class LiveErrors {

	private static final Log logger = LogFactory.getLog(LiveErrors.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private LiveErrors() {
	}

	static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof ApplicationErrorException frame) {
			return frame;
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
