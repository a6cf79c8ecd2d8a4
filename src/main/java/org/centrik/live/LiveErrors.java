package org.centrik.live;

import org.centrik.shared.CommandErrors;
import org.centrik.shared.RouteInput;
import io.rsocket.exceptions.ApplicationErrorException;
import org.centrik.security.TokenAuthenticationException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.messaging.MessagingException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into RSocket error frames whose message is JSON with a stable code,
 * {@code {"code": "not_found", "detail": "…"}}, as frontend-protocol declares. Never a
 * stack trace. A problem detail with a {@code code} property becomes a frame with that
 * code, its detail and its other properties, so that HTTP and RSocket refuse alike.
 */
public final class LiveErrors {

	private static final JsonMapper json = JsonMapper.builder().build();

	private LiveErrors() {
	}

	/**
	 * The error frame of a failure of a route: a token's own code, the stream request's
	 * shape for malformed stream data, and otherwise the frame every command gets
	 * ({@link CommandErrors}: problem details with their code and properties, an
	 * unreachable database as {@code unavailable}, bad input, {@code internal}).
	 */
	public static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof TokenAuthenticationException token) {
			return frame(token.code(), token.detail());
		}
		if (!RouteInput.isBad(failure) && (failure instanceof ServerWebInputException
				|| failure instanceof DecodingException || failure instanceof MessagingException)) {
			return frame("bad_input",
					"The request data is not what this route takes: {\"since\": <integer >= 0>} or {}.");
		}
		return CommandErrors.frame(failure);
	}

	static ApplicationErrorException frame(String code, String detail) {
		return new ApplicationErrorException(json.writeValueAsString(new Error(code, detail)));
	}

	private record Error(String code, String detail) {
	}

}
