package org.centrik.security;

import java.util.Locale;

/**
 * A global role. Hosting an event is not one: it is a relation to the event
 * ({@code event_host_people}).
 */
public enum Role {

	/** Runs a network, or every network of the installation when unscoped. */
	COORDINATOR,

	/** Acts for one organisation. */
	ORGANISATION_ADMIN,

	/** A teacher; their organisation is the teacher's own. */
	TEACHER,

	/** Reviews methodical products in one network. */
	EXPERT;

	String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Role of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
