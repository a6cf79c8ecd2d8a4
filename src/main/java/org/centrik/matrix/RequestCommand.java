package org.centrik.matrix;

import java.util.UUID;

/**
 * The body of a transition command: the client's id, for retries, and a decline's reason.
 */
record RequestCommand(UUID clientId, String reason) {

	static RequestCommand none() {
		return new RequestCommand(null, null);
	}

}
