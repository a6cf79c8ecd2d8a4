package org.centrik.security;

import java.time.Instant;
import java.util.UUID;

/**
 * What a login or a refresh gives the client.
 *
 * @param accessToken a signed JWT, sent as a bearer token
 * @param accessTokenExpiresAt when the access token stops verifying
 * @param refreshToken an opaque secret, good for one refresh; the server keeps only its
 * hash
 * @param refreshTokenExpiresAt when the refresh token can no longer be used
 * @param family the family of the refresh token, which logout revokes
 */
public record IssuedTokens(String accessToken, Instant accessTokenExpiresAt, String refreshToken,
		Instant refreshTokenExpiresAt, UUID family) {

	@Override
	public String toString() {
		return "IssuedTokens[accessTokenExpiresAt=" + this.accessTokenExpiresAt + ", refreshTokenExpiresAt="
				+ this.refreshTokenExpiresAt + "]";
	}

}
