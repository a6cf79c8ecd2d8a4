package org.centrik.recognition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An issued certificate as its holder, the verification page and the printer see it.
 *
 * @param id the certificate
 * @param kind what it certifies
 * @param number its number, unique: {@code {network}-{school year}-{serial}}
 * @param schoolYear the school year it closes (its starting year)
 * @param issuedOn the day it was issued
 * @param networkId the network that issued it
 * @param networkName its name
 * @param issuerName the coordinating organisation of the network
 * @param teacherId the teacher who holds it, or {@code null} for an organisation's
 * @param holderName the teacher's full name, or the organisation's name
 * @param organisationId the holder's organisation (the teacher's, or the holder)
 * @param organisationName its name
 * @param revokedAt when it was revoked, or {@code null}
 * @param revokeReason why, or {@code null}
 * @param verificationToken the secret of its public verification address
 * @param evidence the participations it was issued for
 */
record Certificate(long id, CertificateKind kind, String number, int schoolYear, LocalDate issuedOn, long networkId,
		String networkName, String issuerName, Long teacherId, String holderName, long organisationId,
		String organisationName, Instant revokedAt, String revokeReason, String verificationToken,
		List<Evidence> evidence) {

	boolean revoked() {
		return this.revokedAt != null;
	}

	/**
	 * One participation behind a certificate.
	 *
	 * @param participationId the participation
	 * @param eventId its event
	 * @param eventTitle the event's title
	 * @param day the day of the event
	 * @param role listener (green) or presenter (red)
	 * @param teacherName who took part
	 */
	record Evidence(long participationId, long eventId, String eventTitle, LocalDate day, String role,
			String teacherName) {
	}

}
