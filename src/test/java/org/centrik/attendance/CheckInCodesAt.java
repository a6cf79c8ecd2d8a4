package org.centrik.attendance;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/**
 * The code word the host's screen showed at an instant, computed by the server's own
 * {@link CheckInCodes} (the secret is the installation's, shared by every node through
 * the database): for a phone that scanned it while offline, a while ago.
 */
public final class CheckInCodesAt {

	private CheckInCodesAt() {
	}

	public static String word(ApplicationContext context, long eventId, Instant at) {
		return context.getBean(CheckInCodes.class).word(eventId, at).block();
	}

}
