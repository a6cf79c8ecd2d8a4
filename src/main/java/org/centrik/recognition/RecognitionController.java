package org.centrik.recognition;

import java.util.List;
import java.util.Map;

import org.centrik.security.Actor;
import org.centrik.security.Caller;
import org.centrik.security.Credentials;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
 * Activity cards, the coordinator's year end and certificates over HTTP; the same as the
 * RSocket routes ({@link RecognitionRoutes}), both through {@link Recognition}.
 */
@RestController
class RecognitionController {

	private final Recognition recognition;

	private final Credentials credentials;

	RecognitionController(Recognition recognition, Credentials credentials) {
		this.recognition = recognition;
		this.credentials = credentials;
	}

	/** The card, as the snapshot of {@code cards.{teacherId}.stream}. */
	@GetMapping("/api/teachers/{id}/card")
	Mono<CardSnapshots.ActivityCard> card(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.recognition.card(caller, id);
	}

	/** The teachers of an organisation with their cards' progress and warnings. */
	@GetMapping("/api/organisations/{id}/teachers")
	Mono<List<Recognition.TeacherProgress>> teachers(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.recognition.teachers(caller, id);
	}

	@PostMapping("/api/networks/{id}/year-end/preview")
	Mono<YearEnd.Outcome> preview(@PathVariable long id, @RequestParam(required = false) Integer schoolYear,
			@AuthenticationPrincipal Caller caller) {
		return this.recognition.preview(caller, id, this.recognition.year(schoolYear));
	}

	@PostMapping("/api/networks/{id}/year-end/run")
	Mono<YearEnd.Outcome> run(@PathVariable long id, @RequestParam(required = false) Integer schoolYear,
			@AuthenticationPrincipal Caller caller, ServerHttpRequest request) {
		return this.recognition.run(caller, id, this.recognition.year(schoolYear), Actor.of(caller, request),
				(progress) -> {
				});
	}

	@PostMapping("/api/networks/{id}/platform-status/{organisationId}/confirm")
	Mono<Recognition.CertificateView> confirmPlatform(@PathVariable long id, @PathVariable long organisationId,
			@RequestParam(required = false) Integer schoolYear, @AuthenticationPrincipal Caller caller,
			ServerHttpRequest request) {
		return this.recognition.confirmPlatform(caller, id, organisationId, this.recognition.year(schoolYear),
				Actor.of(caller, request));
	}

	@PostMapping("/api/certificates/{id}/revoke")
	Mono<Recognition.CertificateView> revoke(@PathVariable long id, @RequestBody Revocation revocation,
			@AuthenticationPrincipal Caller caller, ServerHttpRequest request) {
		return this.recognition.revoke(caller, id, revocation.reason(), Actor.of(caller, request));
	}

	@GetMapping("/api/certificates/{id}")
	Mono<Recognition.CertificateView> certificate(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.recognition.readable(caller, id).map(this.recognition::view);
	}

	@GetMapping("/api/certificates/{id}.pdf")
	Mono<ResponseEntity<byte[]>> pdf(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		return this.recognition.readable(caller, id)
			.publishOn(Schedulers.boundedElastic())
			.map((certificate) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.inline()
							.filename("certificate-" + certificate.id() + ".pdf")
							.build()
							.toString())
				.body(CertificatePrinter.print(certificate, this.recognition.verificationAddress(certificate))));
	}

	/** The Open Badges 3.0 credential and its JWT proof. */
	@GetMapping("/api/certificates/{id}/badge")
	Mono<Badge> badge(@PathVariable long id, @AuthenticationPrincipal Caller caller) {
		String publicUrl = this.recognition.publicUrl();
		return this.recognition.readable(caller, id).flatMap((certificate) -> {
			Map<String, Object> credential = OpenBadges.credential(certificate, publicUrl);
			return this.credentials.sign(OpenBadges.claims(credential, certificate))
				.map((jwt) -> new Badge(credential, jwt, publicUrl + "/.well-known/jwks.json"));
		});
	}

	/**
	 * Why a certificate is revoked.
	 *
	 * @param reason the reason, required
	 */
	record Revocation(String reason) {
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
