package org.centrik.network;

import java.util.List;

/**
 * What a new or edited organisation card says. An organisation's admin may change its
 * names and contacts; the labels and the responsible admin are the coordinator's.
 *
 * @param kind {@code school}, {@code lyceum}, … as in {@link Organisation.Kind}
 * @param labels {@code fip}, {@code kip}, {@code kap}, {@code opp}, {@code oou},
 * {@code cio}, {@code rop}
 */
record OrganisationCard(String name, String shortName, String kind, String municipality, String address, String email,
		String phone, List<String> labels, Long responsibleUserId) {

	private static final List<String> LABELS = List.of("fip", "kip", "kap", "opp", "oou", "cio", "rop");

	OrganisationCard {
		labels = (labels != null) ? List.copyOf(labels) : List.of();
	}

	/** Fails with a {@code bad_input} problem when the card cannot be stored. */
	OrganisationCard validated() {
		if (this.name == null || this.name.isBlank()) {
			throw new IllegalArgumentException("An organisation needs a name.");
		}
		if (this.municipality == null || this.municipality.isBlank()) {
			throw new IllegalArgumentException("An organisation needs its municipality.");
		}
		if (this.kind == null || java.util.Arrays.stream(Organisation.Kind.values())
			.noneMatch((known) -> known.name().equalsIgnoreCase(this.kind))) {
			throw new IllegalArgumentException("Unknown kind of organisation: " + this.kind
					+ " (kindergarten, school, lyceum, gymnasium, additional_education, methodical_centre).");
		}
		if (!LABELS.containsAll(this.labels)) {
			throw new IllegalArgumentException("Unknown labels in " + this.labels + " (" + LABELS + ").");
		}
		return this;
	}

}
