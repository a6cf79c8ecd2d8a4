package org.centrik.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A logged-in {@link Caller}, however they came: a session cookie or a bearer token. The
 * authorities are the roles ({@code ROLE_COORDINATOR}, …); what a caller may do beyond
 * that is decided by {@link Access}.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	CallerAuthentication(Caller caller) {
		super(caller.grants()
			.stream()
			.map((grant) -> new SimpleGrantedAuthority("ROLE_" + grant.role().name()))
			.distinct()
			.toList());
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.caller.login();
	}

	static List<String> roles(Caller caller) {
		return caller.grants().stream().map((grant) -> grant.role().code()).distinct().toList();
	}

}
