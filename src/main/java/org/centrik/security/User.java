package org.centrik.security;

import java.util.List;

import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;

/**
 * A user account with its roles (and, for a teacher, their organisation); never carries
 * the password hash.
 */
record User(UserId id, String login, String displayName, TeacherId teacher, OrganisationId organisation,
		boolean enabled, boolean mustChangePassword, List<Grant> grants) {

	boolean holds(Role role) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == role);
	}

}
