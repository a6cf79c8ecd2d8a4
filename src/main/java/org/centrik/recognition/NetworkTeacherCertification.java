package org.centrik.recognition;

/**
 * Rule 5, second half (п. 3.7.1): a card that earns a certificate and reflects the role
 * of a presenter of innovative experience — at least one red centrik among those that
 * count — is the ground for the «Сетевой педагог» certification, issued instead of the
 * plain certificate (one card, one certificate a year).
 */
final class NetworkTeacherCertification {

	/** How many red centriks among the counted ones make a network teacher. */
	static final int RED_CENTRIKS = 1;

	private NetworkTeacherCertification() {
	}

	static boolean presentedInnovativeExperience(CertificateEligibility.Progress progress) {
		return progress.eligible() && progress.red() >= RED_CENTRIKS;
	}

}
