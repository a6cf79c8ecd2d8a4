package org.centrik.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;

/**
 * A verified access token's claims.
 *
 * @param user the user ({@code sub})
 * @param login the user's login
 * @param teacher the teacher the user is, or {@code null}
 * @param organisation the teacher's organisation when issued, or {@code null}
 * @param grants the roles when issued
 * @param mustChangePassword whether the password had to be changed when issued
 * @param family the refresh-token family it belongs to; revoking it revokes the token
 * @param id the token's {@code jti}
 * @param keyId the key that signed it
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 */
public record AccessToken(UserId user, String login, TeacherId teacher, OrganisationId organisation, List<Grant> grants,
		boolean mustChangePassword, UUID family, String id, String keyId, Instant issuedAt, Instant expiresAt) {

	public AccessToken {
		grants = List.copyOf(grants);
	}

}
