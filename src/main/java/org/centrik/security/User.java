package org.centrik.security;

import java.util.List;

import org.centrik.network.TeacherId;

/**
 * A user account with its roles; never carries the password hash.
 */
record User(UserId id, String login, String displayName, TeacherId teacher, boolean enabled, boolean mustChangePassword,
		List<Grant> grants) {

	boolean holds(Role role) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == role);
	}

}
