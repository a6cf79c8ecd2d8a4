package org.centrik.network;

import java.time.LocalDate;

/**
 * An agreement on methodical cooperation: it makes the organisation a member of the
 * network from {@code validFrom} to {@code validTo} (open-ended when {@code null}). A
 * lapsed agreement stays in the registry, and so does everything done under it.
 *
 * @param inForce whether today falls within its period
 */
public record Agreement(long id, long networkId, long organisationId, String organisationName, String number,
		LocalDate signedOn, LocalDate validFrom, LocalDate validTo, String purpose, boolean inForce) {

	/** The period in force on a day. */
	public static boolean inForce(LocalDate day, LocalDate validFrom, LocalDate validTo) {
		return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
	}

}
