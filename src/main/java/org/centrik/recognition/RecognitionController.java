package org.centrik.recognition;

import java.util.List;
import java.util.Map;

import org.centrik.security.Access;
import org.centrik.security.Actor;
import org.centrik.security.Caller;
import org.centrik.security.Credentials;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.SchoolYear;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Activity cards, the coordinator's year end and certificates over HTTP; the rules of who
 * may see what are {@link Access}'s (the "Issue 9" rows of docs/security.md).
 */
@RestController
class RecognitionController {

	private final Access access;

	private final CardSnapshots cardSnapshots;

	private final Cards cards;

	private final Certificates certificates;

	private final YearEnd yearEnd;

	private final Credentials credentials;

	private final String publicUrl;

	RecognitionController(Access access, CardSnapshots cardSnapshots, Cards cards, Certificates certificates,
			YearEnd yearEnd, Credentials credentials, @Value("${centrik.public-url}") String publicUrl) {
		this.access = access;
		this.cardSnapshots = cardSnapshots;
		this.cards = cards;
		this.certificates = certificates;
		this.yearEnd = yearEnd;
		this.credentials = credentials;
		this.publicUrl = publicUrl.replaceAll("/+$", "");
	}

	/** The card, as the snapshot of {@code cards.{teacherId}.stream}. */
	@GetMapping("/api/teachers/{id}/card")
	Mono<CardSnapshots.ActivityCard> card(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.access.teacher(caller, new TeacherId(id)).then(this.cardSnapshots.card(id));
	}

	/** The teachers of an organisation with their cards' progress and warnings. */
	@GetMapping("/api/organisations/{id}/teachers")
	Mono<List<TeacherProgress>> teachers(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		SchoolYear year = this.cards.currentYear();
		return this.cards.organisationExists(id)
			.flatMap((found) -> found ? this.access.organisationPeople(caller, new OrganisationId(id))
					: Mono.error(new NotFoundException("organisation", id)))
			.then(Mono.zip(this.cards.teachersOf(id).collectList(), this.cards.networksOf(id)))
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

	@PostMapping("/api/networks/{id}/year-end/preview")
	Mono<YearEnd.Outcome> preview(@PathVariable long id, @RequestParam(required = false) Integer schoolYear,
			@AuthenticationPrincipal Caller caller) {
		return this.access.coordinator(caller, new NetworkId(id)).then(this.yearEnd.preview(id, year(schoolYear)));
	}

	@PostMapping("/api/networks/{id}/year-end/run")
	Mono<YearEnd.Outcome> run(@PathVariable long id, @RequestParam(required = false) Integer schoolYear,
			@AuthenticationPrincipal Caller caller, ServerHttpRequest request) {
		return this.access.coordinator(caller, new NetworkId(id))
			.then(this.yearEnd.run(id, year(schoolYear), Actor.of(caller, request)));
	}

	@PostMapping("/api/networks/{id}/platform-status/{organisationId}/confirm")
	Mono<CertificateView> confirmPlatform(@PathVariable long id, @PathVariable long organisationId,
			@RequestParam(required = false) Integer schoolYear, @AuthenticationPrincipal Caller caller,
			ServerHttpRequest request) {
		return this.access.coordinator(caller, new NetworkId(id))
			.then(this.yearEnd.confirmPlatform(id, organisationId, year(schoolYear), Actor.of(caller, request)))
			.map(this::view);
	}

	@PostMapping("/api/certificates/{id}/revoke")
	Mono<CertificateView> revoke(@PathVariable long id, @RequestBody Revocation revocation,
			@AuthenticationPrincipal Caller caller, ServerHttpRequest request) {
		return this.certificates.find(id)
			.flatMap((certificate) -> this.access.coordinator(caller, new NetworkId(certificate.networkId()))
				.then(this.yearEnd.revoke(certificate, revocation.reason(), Actor.of(caller, request))))
			.map(this::view);
	}

	@GetMapping("/api/certificates/{id}")
	Mono<CertificateView> certificate(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return readable(id, caller).map(this::view);
	}

	@GetMapping("/api/certificates/{id}.pdf")
	Mono<ResponseEntity<byte[]>> pdf(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return readable(id, caller).publishOn(Schedulers.boundedElastic())
			.map((certificate) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.inline()
							.filename("certificate-" + certificate.id() + ".pdf")
							.build()
							.toString())
				.body(CertificatePrinter.print(certificate, verificationAddress(certificate))));
	}

	/** The Open Badges 3.0 credential and its JWT proof. */
	@GetMapping("/api/certificates/{id}/badge")
	Mono<Badge> badge(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return readable(id, caller).flatMap((certificate) -> {
			Map<String, Object> credential = OpenBadges.credential(certificate, this.publicUrl);
			return this.credentials.sign(OpenBadges.claims(credential, certificate))
				.map((jwt) -> new Badge(credential, jwt, this.publicUrl + "/.well-known/jwks.json"));
		});
	}

	private Mono<Certificate> readable(long id, Caller caller) {
		return this.certificates.find(id)
			.flatMap((certificate) -> this.access
				.certificate(caller, new NetworkId(certificate.networkId()),
						(certificate.teacherId() != null) ? new TeacherId(certificate.teacherId()) : null,
						new OrganisationId(certificate.organisationId()))
				.thenReturn(certificate));
	}

	private String verificationAddress(Certificate certificate) {
		return this.publicUrl + "/verify/" + certificate.verificationToken();
	}

	private CertificateView view(Certificate certificate) {
		return new CertificateView(certificate, verificationAddress(certificate));
	}

	private SchoolYear year(Integer schoolYear) {
		return (schoolYear != null) ? new SchoolYear(schoolYear) : this.cards.currentYear();
	}

	record TeacherProgress(long teacherId, String name, String position, String subject,
			List<Cards.CardProgress> progress, List<CardSnapshots.Warning> warnings) {
	}

	record Revocation(String reason) {
	}

	/**
	 * A certificate for its holder, admin and coordinator.
	 *
	 * @param certificate the certificate with its evidence
	 * @param verificationAddress its public verification page
	 */
	record CertificateView(Certificate certificate, String verificationAddress) {
	}

	/**
	 * An Open Badges 3.0 credential.
	 *
	 * @param credential the {@code OpenBadgeCredential}
	 * @param jwt its JWT proof: RS256, signed with the server's key
	 * @param jwks where the key is published
	 */
	record Badge(Map<String, Object> credential, String jwt, String jwks) {
	}

}
