package org.centrik.matrix;

import org.centrik.shared.DatabaseUnavailable;
import org.centrik.live.LiveErrors;
import org.centrik.shared.RouteInput;
import io.rsocket.exceptions.ApplicationErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.messaging.MessagingException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Failures of an RSocket command as error frames whose message is {@code {"code",
 * "detail"}}: the same stable code the HTTP problem detail carries.
 */
final class CommandErrors {

	private static final Log logger = LogFactory.getLog(CommandErrors.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private CommandErrors() {
	}

	static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof ApplicationErrorException frame) {
			return frame;
		}
		if (DatabaseUnavailable.causedBy(failure)) {
			return LiveErrors.frame(failure);
		}
		if (RouteInput.isBad(failure)) {
			return frame("bad_input", "The route or its data is not what this route takes.");
		}
		if (failure instanceof ServerWebInputException || failure instanceof DecodingException
				|| failure instanceof MessagingException) {
			return frame("bad_input", "The request data is not what this route takes: see its schema.");
		}
		if (failure instanceof ErrorResponseException problem && problem.getBody().getProperties() != null
				&& problem.getBody().getProperties().get("code") instanceof String code) {
			return frame(code, problem.getBody().getDetail());
		}
		if (failure instanceof IllegalArgumentException) {
			return frame("bad_input", failure.getMessage());
		}
		logger.error("Request command failed", failure);
		return frame("internal", "The server could not complete the request.");
	}

	private static ApplicationErrorException frame(String code, String detail) {
		return new ApplicationErrorException(json.writeValueAsString(new Error(code, detail)));
	}

	private record Error(String code, String detail) {
	}

}
