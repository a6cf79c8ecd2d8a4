package org.centrik.security;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the web UI knows of the logged-in user: {@code GET /api/me} and the answer to a
 * browser login.
 *
 * @param id the user's id
 * @param login the login
 * @param displayName the name to show
 * @param teacherId the teacher the user is, or {@code null}
 * @param organisationId the teacher's organisation, or {@code null}
 * @param mustChangePassword whether the password must be changed before anything else
 * @param roles each role with its scope ({@code network}, {@code organisation})
 * @param hosts the events the user hosts
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Profile(long id, String login, String displayName, Long teacherId, Long organisationId,
		boolean mustChangePassword, List<Map<String, Object>> roles, List<Long> hosts) {

}
