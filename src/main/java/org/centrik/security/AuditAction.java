package org.centrik.security;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The security-relevant events the audit log records.
 */
public enum AuditAction {

	LOGIN_SUCCEEDED, LOGIN_FAILED, LOGOUT, ROLE_GRANTED, ROLE_REVOKED, ATTENDANCE_CORRECTED, YEAR_END_RUN,
	SETUP_PASSWORD_ISSUED, USER_CREATED, PASSWORD_CHANGED, CERTIFICATE_REVOKED, PLATFORM_STATUS_CONFIRMED;

	/** The value stored in {@code audit_log.action}, and shown in JSON. */
	@JsonValue
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	static AuditAction of(String code) {
		return valueOf(code.toUpperCase(Locale.ROOT));
	}

}
