package org.centrik.recognition;

import java.util.Comparator;
import java.util.List;

import org.centrik.shared.SchoolYear;

/**
 * Rule 5 of the regulations (п. 3.6–3.7): at the end of a school year a teacher exchanges
 * their activity card for a certificate when it holds at least three centriks, red and/or
 * green, collected within one, two or three school years.
 * <p>
 * The three school years are the one being closed and the two before it; a centrik four
 * school years back no longer counts. A card is exchanged once: centriks of the years up
 * to the last certificate the teacher holds in the network count no more.
 */
final class CertificateEligibility {

	/** How many centriks a certificate takes. */
	static final int CENTRIKS = 3;

	/** Within how many school years, the closed one included. */
	static final int SCHOOL_YEARS = 3;

	private CertificateEligibility() {
	}

	/**
	 * The card's progress at the end of a school year.
	 * @param centriks the teacher's centriks in the network, of any year
	 * @param year the school year being closed
	 * @param lastCertified the latest school year before {@code year} for which the
	 * teacher got a certificate of the network (not revoked), or {@code null}
	 * @return which centriks count and how many are missing
	 */
	static Progress threeCentriksWithinThreeYears(List<Centrik> centriks, SchoolYear year, SchoolYear lastCertified) {
		SchoolYear from = year.minus(SCHOOL_YEARS - 1);
		if (lastCertified != null && lastCertified.compareTo(from) >= 0) {
			from = lastCertified.next();
		}
		SchoolYear first = from;
		List<Centrik> counted = centriks.stream()
			.filter((centrik) -> centrik.schoolYear().compareTo(first) >= 0
					&& centrik.schoolYear().compareTo(year) <= 0)
			.sorted(Comparator.comparing(Centrik::day).thenComparingLong(Centrik::participationId))
			.toList();
		return new Progress(year, first, counted);
	}

	/**
	 * How far a card is from a certificate at the end of {@link #year}.
	 *
	 * @param year the school year being closed
	 * @param countsFrom the first school year whose centriks count
	 * @param counted the centriks that count, earliest first: the certificate's evidence
	 */
	record Progress(SchoolYear year, SchoolYear countsFrom, List<Centrik> counted) {

		Progress {
			counted = List.copyOf(counted);
		}

		int green() {
			return (int) this.counted.stream().filter((centrik) -> !centrik.red()).count();
		}

		int red() {
			return (int) this.counted.stream().filter(Centrik::red).count();
		}

		/** Centriks still missing for a certificate; 0 when it is earned. */
		int missing() {
			return Math.max(0, CENTRIKS - this.counted.size());
		}

		boolean eligible() {
			return missing() == 0;
		}

		/** One centrik short: the teacher and their organisation's admin are warned. */
		boolean oneShort() {
			return missing() == 1;
		}

		/** The certificate this card earns, or {@code null}. */
		CertificateKind earns() {
			if (!eligible()) {
				return null;
			}
			return NetworkTeacherCertification.presentedInnovativeExperience(this) ? CertificateKind.NETWORK_TEACHER
					: CertificateKind.TEACHER_CERTIFICATE;
		}

	}

}
