package org.centrik.recognition;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a certificate certifies.
 */
enum CertificateKind {

	/** «Сертификат повышения квалификации»: a card of three centriks. */
	TEACHER_CERTIFICATE("Сертификат повышения квалификации в рамках сетевого взаимодействия"),

	/** «Сетевой педагог»: a card of three centriks with a red one. */
	NETWORK_TEACHER("Сертификат «Сетевой педагог»"),

	/** «Сетевая площадка»: the status of an executor organisation. */
	NETWORK_PLATFORM("Сертификат о присвоении статуса «Сетевая площадка»");

	private final String title;

	CertificateKind(String title) {
		this.title = title;
	}

	/** The printed title, in Russian. */
	String title() {
		return this.title;
	}

	/** As stored in {@code certificates.kind} and shown in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static CertificateKind of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
