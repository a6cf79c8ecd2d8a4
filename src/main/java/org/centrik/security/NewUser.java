package org.centrik.security;

import java.util.List;

import org.centrik.shared.TeacherId;

/**
 * What creating a user takes.
 *
 * @param login an e-mail address, unique whatever its case
 * @param password the raw password, encoded before it is stored
 * @param displayName the name shown to people
 * @param teacher the teacher this user is, or {@code null}
 * @param grants the roles to grant
 * @param mustChangePassword whether the password is a one-time setup password
 */
record NewUser(String login, String password, String displayName, TeacherId teacher, List<Grant> grants,
		boolean mustChangePassword) {

	NewUser {
		grants = List.copyOf(grants);
	}

}
