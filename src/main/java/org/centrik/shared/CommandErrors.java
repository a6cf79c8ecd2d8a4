package org.centrik.shared;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * "detail"}}: the same stable code the HTTP problem detail carries. Used by the
 * request-response routes of the registry, the bank and the requests.
 */
public final class CommandErrors {

	private static final Log logger = LogFactory.getLog(CommandErrors.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private CommandErrors() {
	}

	/**
	 * The error frame of a failed command.
	 * @param failure what the command failed with
	 * @return the frame, {@code internal} for failures that are not the caller's
	 */
	public static ApplicationErrorException frame(Throwable failure) {
		if (failure instanceof ApplicationErrorException frame) {
			return frame;
		}
		if (DatabaseUnavailable.causedBy(failure)) {
			logger.warn("Request command failed, the database is unavailable: " + failure);
			return problemFrame(DatabaseUnavailable.problem());
		}
		if (RouteInput.isBad(failure)) {
			return frame("bad_input", "The route or its data is not what this route takes.");
		}
		if (failure instanceof ServerWebInputException || failure instanceof DecodingException
				|| failure instanceof MessagingException) {
			return frame("bad_input", "The request data is not what this route takes: see its schema.");
		}
		if (failure instanceof ErrorResponseException problem && problem.getBody().getProperties() != null
				&& problem.getBody().getProperties().get("code") instanceof String) {
			return problemFrame(problem);
		}
		if (failure instanceof IllegalArgumentException) {
			return frame("bad_input", failure.getMessage());
		}
		logger.error("Request command failed", failure);
		return frame("internal", "The server could not complete the request.");
	}

	/** The code, the detail and the other properties of a problem (e.g. retryAfter). */
	private static ApplicationErrorException problemFrame(ErrorResponseException problem) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", problem.getBody().getProperties().get("code"));
		error.put("detail", problem.getBody().getDetail());
		problem.getBody().getProperties().forEach(error::putIfAbsent);
		return new ApplicationErrorException(json.writeValueAsString(error));
	}

	private static ApplicationErrorException frame(String code, String detail) {
		return new ApplicationErrorException(json.writeValueAsString(new Error(code, detail)));
	}

	private record Error(String code, String detail) {
	}

}
