package org.centrik.library;

import java.util.List;
import java.util.Set;

/**
 * A methodical product as its authors (or their organisation's admin) submit it for
 * expert review; its files travel beside it in the same multipart request.
 *
 * @param networkId the network whose cabinet it is for
 * @param organisationId the organisation it comes from; none for a creative group's
 * product
 * @param creativeGroupId the creative group it comes from, its authors members of the
 * group
 * @param type {@code methodical_materials}, {@code project}, {@code lesson_video},
 * {@code assessment_materials}, {@code assessment_sheet}
 * @param authorIds the teachers who wrote it, credited in the cabinet
 * @param levels {@code preschool}, {@code primary}, {@code general}, {@code additional}
 * @param link a link to it (e.g. a lesson video), optional
 */
public record ProductSubmission(Long networkId, Long organisationId, Long creativeGroupId, String title, String type,
		List<Long> authorIds, List<String> levels, String subject, String description, String link) {

	static final Set<String> TYPES = Set.of("methodical_materials", "project", "lesson_video", "assessment_materials",
			"assessment_sheet");

	static final Set<String> LEVELS = Set.of("preschool", "primary", "general", "additional");

	public ProductSubmission {
		authorIds = (authorIds != null) ? List.copyOf(authorIds) : List.of();
		levels = (levels != null) ? List.copyOf(levels) : List.of();
	}

	ProductSubmission validated() {
		if (this.networkId == null || (this.organisationId == null) == (this.creativeGroupId == null)) {
			throw new IllegalArgumentException("A product is submitted to a network (networkId) by an organisation "
					+ "(organisationId) or by a creative group (creativeGroupId), not both.");
		}
		if (this.authorIds.isEmpty()) {
			throw new IllegalArgumentException("A product names its authors (authorIds).");
		}
		validate(this.title, this.type, this.levels, this.link);
		return this;
	}

	static void validate(String title, String type, List<String> levels, String link) {
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("A product needs a title.");
		}
		if (type == null || !TYPES.contains(type)) {
			throw new IllegalArgumentException("A product's type is one of " + TYPES + ".");
		}
		if (!LEVELS.containsAll(levels)) {
			throw new IllegalArgumentException("A product's levels are among " + LEVELS + ".");
		}
		if (link != null && !link.isBlank() && !link.matches("https?://\\S+")) {
			throw new IllegalArgumentException("The link must be an http(s) address.");
		}
	}

}
