package org.centrik.recognition;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A certificate as an Open Badges 3.0 {@code OpenBadgeCredential} (a W3C verifiable
 * credential), and the claims of its JWT proof (VC-JWT: {@code iss}, {@code jti},
 * {@code sub}, {@code nbf}, {@code vc}). The evidence is the participations behind it.
 */
final class OpenBadges {

	static final List<String> CONTEXT = List.of("https://www.w3.org/2018/credentials/v1",
			"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");

	private OpenBadges() {
	}

	/**
	 * @param certificate the certificate with its evidence
	 * @param publicUrl the server's public address, e.g. {@code https://centrik.example}
	 */
	static Map<String, Object> credential(Certificate certificate, String publicUrl) {
		Map<String, Object> issuer = new LinkedHashMap<>();
		issuer.put("id", publicUrl + "/api/networks/" + certificate.networkId());
		issuer.put("type", List.of("Profile"));
		issuer.put("name", certificate.issuerName() + " — методическая сеть «" + certificate.networkName() + "»");

		Map<String, Object> criteria = Map.of("narrative", criteria(certificate.kind()));
		Map<String, Object> achievement = new LinkedHashMap<>();
		achievement.put("id", publicUrl + "/achievements/" + certificate.kind().code());
		achievement.put("type", List.of("Achievement"));
		achievement.put("achievementType", "Certificate");
		achievement.put("name", certificate.kind().title());
		achievement.put("description", criteria(certificate.kind()));
		achievement.put("criteria", criteria);

		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("id", subjectId(certificate));
		subject.put("type", List.of("AchievementSubject"));
		subject.put("name", certificate.holderName());
		subject.put("achievement", achievement);

		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("@context", CONTEXT);
		credential.put("id", publicUrl + "/verify/" + certificate.verificationToken());
		credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
		credential.put("issuer", issuer);
		credential.put("issuanceDate", instant(certificate.issuedOn()));
		credential.put("name", certificate.kind().title() + " № " + certificate.number());
		credential.put("credentialSubject", subject);
		credential.put("evidence", certificate.evidence()
			.stream()
			.map((e) -> (Object) Map.of("id", publicUrl + "/api/events/" + e.eventId(), "type", List.of("Evidence"),
					"name", e.eventTitle(), "narrative",
					e.teacherName() + ", " + e.day() + ": "
							+ ("presenter".equals(e.role()) ? "транслятор инновационного опыта (красный центрик)"
									: "слушатель (зелёный центрик)")))
			.toList());
		return credential;
	}

	/** The JWT claims that carry the credential (its JWT proof). */
	static Map<String, Object> claims(Map<String, Object> credential, Certificate certificate) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ((Map<?, ?>) credential.get("issuer")).get("id"));
		claims.put("jti", credential.get("id"));
		claims.put("sub", subjectId(certificate));
		claims.put("nbf", certificate.issuedOn().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		claims.put("vc", credential);
		return claims;
	}

	private static String subjectId(Certificate certificate) {
		return (certificate.teacherId() != null) ? "urn:centrik:teacher:" + certificate.teacherId()
				: "urn:centrik:organisation:" + certificate.organisationId();
	}

	private static String instant(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
	}

	private static String criteria(CertificateKind kind) {
		return switch (kind) {
			case TEACHER_CERTIFICATE -> "Не менее трёх «центриков» (участие в сетевых мероприятиях слушателем или "
					+ "транслятором инновационного опыта) в течение одного, двух или трёх учебных лет.";
			case NETWORK_TEACHER -> "Карта активности педагога не менее чем с тремя «центриками» за один–три учебных "
					+ "года, в том числе красными: роль транслятора инновационного опыта.";
			case NETWORK_PLATFORM -> "Инновационный опыт заявлен в матрице сетевого взаимодействия; сетевые "
					+ "мероприятия по заявкам проведены не менее чем тремя сертифицированными «Сетевыми педагогами».";
		};
	}

}
