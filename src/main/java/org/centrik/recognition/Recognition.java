package org.centrik.recognition;

import java.util.List;
import java.util.function.Consumer;

import org.centrik.security.Access;
import org.centrik.security.Actor;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.SchoolYear;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What HTTP and RSocket ask of recognition, each with who may ask it ({@link Access}, the
 * "Issue 9" rows of docs/security.md): the card, an organisation's teachers, the year
 * end, confirming «Сетевая площадка», revoking. One place, so both transports refuse
 * alike.
 */
@Service
class Recognition {

	private final Access access;

	private final CardSnapshots cardSnapshots;

	private final Cards cards;

	private final Certificates certificates;

	private final YearEnd yearEnd;

	private final String publicUrl;

	Recognition(Access access, CardSnapshots cardSnapshots, Cards cards, Certificates certificates, YearEnd yearEnd,
			@Value("${centrik.public-url}") String publicUrl) {
		this.access = access;
		this.cardSnapshots = cardSnapshots;
		this.cards = cards;
		this.certificates = certificates;
		this.yearEnd = yearEnd;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	/** The card, as the snapshot of {@code cards.{teacherId}.stream}. */
	Mono<CardSnapshots.ActivityCard> card(Caller caller, long teacher) {
		return this.access.teacher(caller, new TeacherId(teacher)).then(this.cardSnapshots.card(teacher));
	}

	/** The teachers of an organisation with their cards' progress and warnings. */
	Mono<List<TeacherProgress>> teachers(Caller caller, long organisation) {
		SchoolYear year = this.cards.currentYear();
		return this.cards.organisationExists(organisation)
			.flatMap((found) -> found ? this.access.organisationPeople(caller, new OrganisationId(organisation))
					: Mono.error(new NotFoundException("organisation", organisation)))
			.then(Mono.zip(this.cards.teachersOf(organisation).collectList(), this.cards.networksOf(organisation)))
			.flatMap((both) -> {
				List<Long> ids = both.getT1().stream().map(Cards.Teacher::id).toList();
				return this.cards.progress(ids, year, Cards.everyone(ids, both.getT2()))
					.map((progress) -> both.getT1().stream().map((teacher) -> {
						List<Cards.CardProgress> views = progress.getOrDefault(teacher.id(), List.of())
							.stream()
							.map(Cards.NetworkProgress::view)
							.toList();
						return new TeacherProgress(teacher.id(), teacher.name(), teacher.position(), teacher.subject(),
								views, CardSnapshots.Warning.of(views));
					}).toList());
			});
	}

	Mono<YearEnd.Outcome> preview(Caller caller, long network, SchoolYear year) {
		return this.access.coordinator(caller, new NetworkId(network)).then(this.yearEnd.preview(network, year));
	}

	Mono<YearEnd.Outcome> run(Caller caller, long network, SchoolYear year, Actor actor,
			Consumer<YearEnd.Progress> progress) {
		return this.access.coordinator(caller, new NetworkId(network))
			.then(this.yearEnd.run(network, year, actor, progress));
	}

	Mono<CertificateView> confirmPlatform(Caller caller, long network, long organisation, SchoolYear year,
			Actor actor) {
		return this.access.coordinator(caller, new NetworkId(network))
			.then(this.yearEnd.confirmPlatform(network, organisation, year, actor))
			.map(this::view);
	}

	Mono<CertificateView> revoke(Caller caller, long certificate, String reason, Actor actor) {
		return this.certificates.find(certificate)
			.flatMap((found) -> this.access.coordinator(caller, new NetworkId(found.networkId()))
				.then(this.yearEnd.revoke(found, reason, actor)))
			.map(this::view);
	}

	/** A certificate its caller may read: the holder, their admin, the coordinator. */
	Mono<Certificate> readable(Caller caller, long id) {
		return this.certificates.find(id)
			.flatMap((certificate) -> this.access
				.certificate(caller, new NetworkId(certificate.networkId()),
						(certificate.teacherId() != null) ? new TeacherId(certificate.teacherId()) : null,
						new OrganisationId(certificate.organisationId()))
				.thenReturn(certificate));
	}

	SchoolYear year(Integer schoolYear) {
		return (schoolYear != null) ? new SchoolYear(schoolYear) : this.cards.currentYear();
	}

	String publicUrl() {
		return this.publicUrl;
	}

	String verificationAddress(Certificate certificate) {
		return this.publicUrl + "/verify/" + certificate.verificationToken();
	}

	CertificateView view(Certificate certificate) {
		return new CertificateView(certificate, verificationAddress(certificate));
	}

	/**
	 * A teacher of an organisation and their card's progress.
	 *
	 * @param teacherId the teacher
	 * @param name their full name
	 * @param position their position
	 * @param subject their subject
	 * @param progress per network, for the current school year
	 * @param warnings e.g. one centrik short
	 */
	record TeacherProgress(long teacherId, String name, String position, String subject,
			List<Cards.CardProgress> progress, List<CardSnapshots.Warning> warnings) {
	}

	/**
	 * A certificate for its holder, admin and coordinator.
	 *
	 * @param certificate the certificate with its evidence
	 * @param verificationAddress its public verification page
	 */
	record CertificateView(Certificate certificate, String verificationAddress) {
	}

}
