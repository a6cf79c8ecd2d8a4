package org.centrik.security;

import java.time.Instant;
import java.util.List;

/**
 * The verified claims of an access token.
 *
 * @param user the subject
 * @param login the user's login when the token was issued
 * @param grants the user's roles with their scopes when the token was issued
 * @param id the token's unique id ({@code jti})
 * @param keyId the signing key ({@code kid})
 * @param issuedAt when it was issued
 * @param expiresAt when it stops verifying
 */
public record AccessToken(UserId user, String login, List<Grant> grants, String id, String keyId, Instant issuedAt,
		Instant expiresAt) {

	public AccessToken {
		grants = List.copyOf(grants);
	}

}
