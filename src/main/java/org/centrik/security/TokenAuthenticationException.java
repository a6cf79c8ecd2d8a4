package org.centrik.security;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token or a session that does not authenticate, with the stable code clients
 * act on: {@code unauthenticated}, {@code token_expired}, {@code token_invalid},
 * {@code token_revoked}. Its message is JSON, {@code {"code": …, "detail": …}}, since
 * RSocket carries it as the data of a {@code REJECTED_SETUP} or error frame.
 */
public class TokenAuthenticationException extends AuthenticationException {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String code;

	private final String detail;

	TokenAuthenticationException(String code, String detail) {
		super(message(code, detail));
		this.code = code;
		this.detail = detail;
	}

	static TokenAuthenticationException of(TokenRejectedException rejected) {
		return new TokenAuthenticationException(rejected.code(), rejected.getMessage());
	}

	static TokenAuthenticationException unauthenticated() {
		return new TokenAuthenticationException("unauthenticated",
				"Log in first: send a bearer token (RSocket: in the SETUP frame's authentication metadata).");
	}

	public String code() {
		return this.code;
	}

	public String detail() {
		return this.detail;
	}

	private static String message(String code, String detail) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("detail", detail);
		return json.writeValueAsString(body);
	}

}
