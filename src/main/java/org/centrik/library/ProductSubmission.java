package org.centrik.library;

import java.util.List;
import java.util.Set;

/**
 * A methodical product as its authors (or their organisation's admin) submit it for
 * expert review; its files travel beside it in the same multipart request.
 *
 * @param networkId the network whose cabinet it is for
 * @param organisationId the organisation it comes from
 * @param type {@code methodical_materials}, {@code project}, {@code lesson_video},
 * {@code assessment_materials}, {@code assessment_sheet}
 * @param authorIds the teachers who wrote it, credited in the cabinet
 * @param levels {@code preschool}, {@code primary}, {@code general}, {@code additional}
 * @param link a link to it (e.g. a lesson video), optional
 */
public record ProductSubmission(Long networkId, Long organisationId, String title, String type, List<Long> authorIds,
		List<String> levels, String subject, String description, String link) {

	static final Set<String> TYPES = Set.of("methodical_materials", "project", "lesson_video", "assessment_materials",
			"assessment_sheet");

	static final Set<String> LEVELS = Set.of("preschool", "primary", "general", "additional");

	public ProductSubmission {
		authorIds = (authorIds != null) ? List.copyOf(authorIds) : List.of();
		levels = (levels != null) ? List.copyOf(levels) : List.of();
	}

	ProductSubmission validated() {
		if (this.networkId == null || this.organisationId == null) {
			throw new IllegalArgumentException(
					"A product is submitted by an organisation (organisationId) to a network (networkId).");
		}
		if (this.title == null || this.title.isBlank()) {
			throw new IllegalArgumentException("A product needs a title.");
		}
		if (this.type == null || !TYPES.contains(this.type)) {
			throw new IllegalArgumentException("A product's type is one of " + TYPES + ".");
		}
		if (this.authorIds.isEmpty()) {
			throw new IllegalArgumentException("A product names its authors (authorIds).");
		}
		if (!LEVELS.containsAll(this.levels)) {
			throw new IllegalArgumentException("A product's levels are among " + LEVELS + ".");
		}
		if (this.link != null && !this.link.isBlank() && !this.link.matches("https?://\\S+")) {
			throw new IllegalArgumentException("The link must be an http(s) address.");
		}
		return this;
	}

}
