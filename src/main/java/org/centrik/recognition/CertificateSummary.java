package org.centrik.recognition;

import java.time.LocalDate;

/**
 * A certificate in a list or on a card.
 *
 * @param id the certificate
 * @param kind what it certifies
 * @param number its number
 * @param schoolYear the school year (its starting year)
 * @param issuedOn when it was issued
 * @param networkId the network that issued it
 * @param revoked whether it was revoked
 * @param verificationToken the secret of its public address {@code /verify/{token}}
 */
record CertificateSummary(long id, CertificateKind kind, String number, int schoolYear, LocalDate issuedOn,
		long networkId, boolean revoked, String verificationToken) {

	static CertificateSummary of(Certificate certificate) {
		return new CertificateSummary(certificate.id(), certificate.kind(), certificate.number(),
				certificate.schoolYear(), certificate.issuedOn(), certificate.networkId(), certificate.revoked(),
				certificate.verificationToken());
	}

}
