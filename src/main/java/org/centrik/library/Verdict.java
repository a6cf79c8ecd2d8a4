package org.centrik.library;

import java.util.Map;

/**
 * An expert's conclusion with its structured assessment.
 *
 * @param conclusion {@code approve}, {@code approve_and_recommend},
 * {@code return_for_revision} (comments required), {@code reject} (comments required)
 * @param assessment scores 1–5 for {@code relevance}, {@code novelty},
 * {@code practicalValue}, {@code quality}
 */
public record Verdict(String conclusion, String comments, Map<String, Integer> assessment) {

	static final java.util.List<String> CRITERIA = java.util.List.of("relevance", "novelty", "practicalValue",
			"quality");

	Conclusion validated() {
		Conclusion parsed = Conclusion.of(this.conclusion);
		if (!parsed.positive() && (this.comments == null || this.comments.isBlank())) {
			throw new IllegalArgumentException("Returning for revision or rejecting needs comments.");
		}
		if (this.assessment == null || !this.assessment.keySet().equals(new java.util.HashSet<>(CRITERIA))
				|| this.assessment.values().stream().anyMatch((score) -> score == null || score < 1 || score > 5)) {
			throw new IllegalArgumentException("The assessment scores each of " + CRITERIA + " from 1 to 5.");
		}
		return parsed;
	}

	Map<String, Integer> scores() {
		return Map.copyOf(this.assessment);
	}

}
