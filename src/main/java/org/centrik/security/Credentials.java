package org.centrik.security;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Signs credentials the server issues (Open Badges certificates) with the key that signs
 * access tokens: RS256, the key's id in the header, verifiable by anyone with the public
 * keys at {@code /.well-known/jwks.json}.
 */
@Component
public class Credentials {

	private final SigningKeys keys;

	Credentials(SigningKeys keys) {
		this.keys = keys;
	}

	/**
	 * Signs the claims as a compact JWS with the active signing key.
	 * @param claims the JWT claims set, JSON values (maps, lists, strings, numbers;
	 * {@code exp}, {@code nbf} and {@code iat} in seconds since the epoch)
	 * @return the compact serialization, {@code header.payload.signature}
	 */
	public Mono<String> sign(Map<String, Object> claims) {
		return this.keys.active().map((key) -> {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(SigningKeys.ALGORITHM).keyID(key.getKeyID())
					.type(JOSEObjectType.JWT)
					.build(), JWTClaimsSet.parse(claims));
				jwt.sign(new RSASSASigner(key));
				return jwt.serialize();
			}
			catch (ParseException ex) {
				throw new IllegalArgumentException("Not a JWT claims set: " + ex.getMessage(), ex);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Could not sign a credential with key " + key.getKeyID(), ex);
			}
		});
	}

}
