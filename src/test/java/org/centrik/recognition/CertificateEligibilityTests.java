package org.centrik.recognition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.centrik.attendance.Participation.Role;
import org.centrik.recognition.CertificateEligibility.Progress;
import org.centrik.shared.SchoolYear;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateEligibilityTests {

	private static final SchoolYear YEAR = new SchoolYear(2025);

	private long ids;

	@Test
	void twoCentriksAreOneShortAndThreeEarnACertificate() {
		List<Centrik> two = List.of(green("2025-10-01"), green("2026-03-01"));
		Progress short1 = CertificateEligibility.threeCentriksWithinThreeYears(two, YEAR, null);
		assertThat(short1.eligible()).isFalse();
		assertThat(short1.missing()).isEqualTo(1);
		assertThat(short1.oneShort()).isTrue();
		assertThat(short1.earns()).isNull();

		List<Centrik> three = new ArrayList<>(two);
		three.add(green("2026-05-20"));
		Progress earned = CertificateEligibility.threeCentriksWithinThreeYears(three, YEAR, null);
		assertThat(earned.eligible()).isTrue();
		assertThat(earned.oneShort()).isFalse();
		assertThat(earned.missing()).isZero();
		assertThat(earned.earns()).isEqualTo(CertificateKind.TEACHER_CERTIFICATE);
		assertThat(earned.counted()).hasSize(3);
	}

	@Test
	void centriksOfThreeSchoolYearsCountButOneFourSchoolYearsBackDoesNot() {
		List<Centrik> spread = List.of(green("2023-09-15"), green("2024-11-01"), green("2026-02-02"));
		assertThat(CertificateEligibility.threeCentriksWithinThreeYears(spread, YEAR, null).eligible()).isTrue();

		List<Centrik> fourYearsBack = List.of(green("2023-08-31"), green("2024-11-01"), green("2026-02-02"));
		Progress progress = CertificateEligibility.threeCentriksWithinThreeYears(fourYearsBack, YEAR, null);
		assertThat(progress.eligible()).isFalse();
		assertThat(progress.counted()).hasSize(2);
		assertThat(progress.countsFrom()).isEqualTo(new SchoolYear(2023));
	}

	@Test
	void theSchoolYearEndsOn31AugustAndTheNextBeginsOn1September() {
		List<Centrik> lastDay = List.of(green("2025-09-01"), green("2026-01-10"), green("2026-08-31"));
		assertThat(CertificateEligibility.threeCentriksWithinThreeYears(lastDay, YEAR, null).eligible()).isTrue();

		List<Centrik> nextYear = List.of(green("2025-09-01"), green("2026-01-10"), green("2026-09-01"));
		Progress progress = CertificateEligibility.threeCentriksWithinThreeYears(nextYear, YEAR, null);
		assertThat(progress.eligible()).isFalse();
		assertThat(progress.oneShort()).isTrue();
		// and the centrik of 1 September counts in the next school year
		assertThat(CertificateEligibility.threeCentriksWithinThreeYears(nextYear, YEAR.next(), null).eligible())
			.isTrue();
	}

	@Test
	void aCardIsExchangedOnceCentriksUpToTheLastCertificateCountNoMore() {
		List<Centrik> centriks = List.of(green("2024-10-01"), green("2024-12-01"), green("2025-03-01"),
				green("2025-10-01"));
		Progress afterCertificate = CertificateEligibility.threeCentriksWithinThreeYears(centriks, YEAR,
				new SchoolYear(2024));
		assertThat(afterCertificate.countsFrom()).isEqualTo(YEAR);
		assertThat(afterCertificate.counted()).hasSize(1);
		assertThat(afterCertificate.missing()).isEqualTo(2);
		// a certificate older than the window changes nothing
		assertThat(
				CertificateEligibility.threeCentriksWithinThreeYears(centriks, YEAR, new SchoolYear(2021)).countsFrom())
			.isEqualTo(new SchoolYear(2023));
	}

	@Test
	void aRedCentrikOnAnEarnedCardMakesANetworkTeacherButNotOnAShortOne() {
		Progress earned = CertificateEligibility.threeCentriksWithinThreeYears(
				List.of(green("2025-10-01"), red("2025-11-01"), green("2026-01-01")), YEAR, null);
		assertThat(NetworkTeacherCertification.presentedInnovativeExperience(earned)).isTrue();
		assertThat(earned.earns()).isEqualTo(CertificateKind.NETWORK_TEACHER);
		assertThat(earned.red()).isEqualTo(1);
		assertThat(earned.green()).isEqualTo(2);

		Progress shortOfIt = CertificateEligibility
			.threeCentriksWithinThreeYears(List.of(red("2025-10-01"), red("2025-11-01")), YEAR, null);
		assertThat(NetworkTeacherCertification.presentedInnovativeExperience(shortOfIt)).isFalse();

		Progress redFourYearsBack = CertificateEligibility.threeCentriksWithinThreeYears(
				List.of(red("2022-10-01"), green("2025-10-01"), green("2025-11-01"), green("2026-01-01")), YEAR, null);
		assertThat(redFourYearsBack.earns()).isEqualTo(CertificateKind.TEACHER_CERTIFICATE);
	}

	@Test
	void aNetworkPlatformTakesADeclaredPracticeAndThreeCertifiedPresenters() {
		Set<Long> networkTeachers = Set.of(1L, 2L, 3L, 9L);
		assertThat(NetworkPlatformStatus.requiresThreeCertifiedPresenters(true, Set.of(1L, 2L, 3L, 4L), networkTeachers)
			.met()).isTrue();
		NetworkPlatformStatus.Outcome two = NetworkPlatformStatus.requiresThreeCertifiedPresenters(true,
				Set.of(1L, 2L, 4L, 5L), networkTeachers);
		assertThat(two.met()).isFalse();
		assertThat(two.certifiedPresenters()).containsExactlyInAnyOrder(1L, 2L);
		assertThat(NetworkPlatformStatus.requiresThreeCertifiedPresenters(false, Set.of(1L, 2L, 3L), networkTeachers)
			.met()).isFalse();
	}

	private Centrik green(String day) {
		return new Centrik(++this.ids, this.ids, LocalDate.parse(day), Role.LISTENER);
	}

	private Centrik red(String day) {
		return new Centrik(++this.ids, this.ids, LocalDate.parse(day), Role.PRESENTER);
	}

}
