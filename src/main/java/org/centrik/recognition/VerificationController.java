package org.centrik.recognition;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public verification of a certificate, the address its QR code carries: anyone who
 * is shown a certificate can check it, without logging in. It says whether it is valid or
 * revoked and what it certifies; nothing else about the holder.
 */
@RestController
class VerificationController {

	private final Certificates certificates;

	VerificationController(Certificates certificates) {
		this.certificates = certificates;
	}

	/**
	 * The verification: a page in Russian for a browser (what the QR code opens on a
	 * phone), JSON for any other client.
	 */
	@GetMapping("/verify/{token}")
	Mono<ResponseEntity<?>> verify(@PathVariable String token, @RequestHeader HttpHeaders headers) {
		boolean page = headers.getAccept().stream().anyMatch((type) -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
		return this.certificates.byToken(token)
			.<ResponseEntity<?>>map((certificate) -> page ? html(HttpStatus.OK, VerificationPage.of(certificate))
					: ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Verification.of(certificate)))
			.switchIfEmpty(Mono.defer(() -> page ? Mono.just(html(HttpStatus.NOT_FOUND, VerificationPage.notFound()))
					: Mono.error(new NotFoundException("certificate", token))));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
			.body(body);
	}

	/**
	 * @param status {@code valid} or {@code revoked}
	 * @param kind what it certifies
	 * @param title its title, in Russian
	 * @param number its number
	 * @param schoolYear the school year (its starting year)
	 * @param issuedOn when it was issued
	 * @param holder the teacher's full name, or the organisation's name
	 * @param organisation the holder's organisation
	 * @param network the network that issued it
	 * @param issuer the network's coordinating organisation
	 * @param revokedAt when revoked
	 * @param revokeReason why
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Verification(String status, CertificateKind kind, String title, String number, int schoolYear,
			LocalDate issuedOn, String holder, String organisation, String network, String issuer, Instant revokedAt,
			String revokeReason) {

		static Verification of(Certificate c) {
			return new Verification(c.revoked() ? "revoked" : "valid", c.kind(), c.kind().title(), c.number(),
					c.schoolYear(), c.issuedOn(), c.holderName(), c.organisationName(), c.networkName(), c.issuerName(),
					c.revokedAt(), c.revokeReason());
		}

	}

}
