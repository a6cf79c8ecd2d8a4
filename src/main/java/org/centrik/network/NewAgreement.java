package org.centrik.network;

import java.time.LocalDate;

/**
 * An agreement as a coordinator enters it.
 */
record NewAgreement(Long organisationId, String number, LocalDate signedOn, LocalDate validFrom, LocalDate validTo,
		String purpose) {

	NewAgreement validated() {
		if (this.organisationId == null || this.number == null || this.number.isBlank() || this.signedOn == null
				|| this.validFrom == null) {
			throw new IllegalArgumentException(
					"An agreement needs organisationId, number, signedOn and validFrom (validTo when it ends).");
		}
		if (this.validTo != null && this.validTo.isBefore(this.validFrom)) {
			throw new IllegalArgumentException("An agreement cannot end before it starts.");
		}
		return this;
	}

}
