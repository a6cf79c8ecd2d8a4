package org.centrik.security;

/**
 * A token was not accepted. {@link #code()} is stable: the HTTP layer answers 401 with it
 * and the RSocket layer rejects the setup with it; {@link #reason()} says more, for logs
 * and tests.
 */
public class TokenRejectedException extends RuntimeException {

	private final Reason reason;

	TokenRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * The stable code: {@code token_expired}, {@code token_invalid} or
	 * {@code token_revoked}.
	 */
	public String code() {
		return this.reason.code;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a token was rejected. */
	public enum Reason {

		/** Past its expiry. */
		EXPIRED("token_expired"),

		/**
		 * Not a token this server could have issued: unparseable, wrong algorithm or
		 * issuer.
		 */
		MALFORMED("token_invalid"),

		/** The signature does not match the content: changed or forged. */
		BAD_SIGNATURE("token_invalid"),

		/** Signed by a key this server does not have. */
		UNKNOWN_KEY("token_invalid"),

		/** A refresh token this server never issued. */
		UNKNOWN("token_invalid"),

		/** A refresh token that was rotated or logged out, or whose user is disabled. */
		REVOKED("token_revoked");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

	}

}
