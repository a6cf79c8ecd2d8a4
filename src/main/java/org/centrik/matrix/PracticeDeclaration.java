package org.centrik.matrix;

import java.util.List;
import java.util.Set;

/**
 * What an organisation declares it can share.
 *
 * @param levels {@code preschool}, {@code primary}, {@code general}, {@code additional}
 * @param formats the event formats it can run, e.g. {@code master_class}
 * @param materialsUrl a link to its materials
 */
public record PracticeDeclaration(Long networkId, Long organisationId, String title, String direction,
		List<String> levels, String description, List<String> formats, String materialsUrl) {

	private static final Set<String> LEVELS = Set.of("preschool", "primary", "general", "additional");

	public PracticeDeclaration {
		levels = (levels != null) ? List.copyOf(levels) : List.of();
		formats = (formats != null) ? List.copyOf(formats) : List.of();
	}

	PracticeDeclaration validated() {
		if (this.networkId == null || this.organisationId == null) {
			throw new IllegalArgumentException(
					"A practice is declared by an organisation (organisationId) in a " + "network's bank (networkId).");
		}
		if (this.title == null || this.title.isBlank() || this.direction == null || this.direction.isBlank()) {
			throw new IllegalArgumentException("A practice needs a title and a direction.");
		}
		if (this.levels.isEmpty() || !LEVELS.containsAll(this.levels)) {
			throw new IllegalArgumentException("A practice names its levels among " + LEVELS + ".");
		}
		if (!NewRequest.FORMATS.containsAll(this.formats)) {
			throw new IllegalArgumentException("Unknown formats in " + this.formats + " (" + NewRequest.FORMATS + ").");
		}
		if (this.materialsUrl != null && !this.materialsUrl.isBlank() && !this.materialsUrl.matches("https?://\\S+")) {
			throw new IllegalArgumentException("The materials link must be an http(s) address.");
		}
		return this;
	}

}
