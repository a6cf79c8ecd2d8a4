package org.centrik.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;

/**
 * A role with its scope, as {@code user_roles} holds it (the database checks the same
 * rules).
 */
public record Grant(Role role, NetworkId network, OrganisationId organisation) {

	public Grant {
		boolean valid = switch (role) {
			case COORDINATOR -> organisation == null;
			case EXPERT -> network != null && organisation == null;
			case ORGANISATION_ADMIN -> organisation != null && network == null;
			case TEACHER -> network == null && organisation == null;
		};
		if (!valid) {
			throw new IllegalArgumentException("A " + role.code() + " role cannot have this scope: network " + network
					+ ", organisation " + organisation + ".");
		}
	}

	/** The coordinator of every network of this installation. */
	public static Grant installationCoordinator() {
		return new Grant(Role.COORDINATOR, null, null);
	}

	public static Grant coordinator(NetworkId network) {
		return new Grant(Role.COORDINATOR, network, null);
	}

	public static Grant expert(NetworkId network) {
		return new Grant(Role.EXPERT, network, null);
	}

	public static Grant organisationAdmin(OrganisationId organisation) {
		return new Grant(Role.ORGANISATION_ADMIN, null, organisation);
	}

	public static Grant teacher() {
		return new Grant(Role.TEACHER, null, null);
	}

	Long networkId() {
		return (this.network != null) ? this.network.value() : null;
	}

	Long organisationId() {
		return (this.organisation != null) ? this.organisation.value() : null;
	}

	/** The grant as the audit log details it. */
	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("role", this.role.code());
		if (this.network != null) {
			details.put("network", this.network.value());
		}
		if (this.organisation != null) {
			details.put("organisation", this.organisation.value());
		}
		return details;
	}

}
