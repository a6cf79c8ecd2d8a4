package org.centrik.library;

import java.util.List;

/**
 * The next version of a product returned for revision: its metadata as revised (its
 * network, organisation or group and authors stay); files travel beside it.
 *
 * @param type {@code methodical_materials}, {@code project}, {@code lesson_video},
 * {@code assessment_materials}, {@code assessment_sheet}
 * @param levels {@code preschool}, {@code primary}, {@code general}, {@code additional}
 */
public record ProductRevision(String title, String type, List<String> levels, String subject, String description,
		String link) {

	public ProductRevision {
		levels = (levels != null) ? List.copyOf(levels) : List.of();
	}

	ProductRevision validated() {
		ProductSubmission.validate(this.title, this.type, this.levels, this.link);
		return this;
	}

}
