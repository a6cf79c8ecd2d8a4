package org.centrik.library;

import java.time.Instant;
import java.util.List;

/**
 * A methodical product: in review, or in the virtual cabinet once approved.
 *
 * @param state {@code submitted}, {@code in_review}, {@code revision}, {@code approved},
 * {@code recommended}, {@code rejected}
 * @param recommended whether the experts recommend it for publication
 * @param authors its authors, credited in the cabinet
 * @param files its files, downloaded as attachments
 * @param reviews its reviews with their deadlines; empty in the cabinet's list
 */
public record Product(long id, long networkId, String title, String type, List<String> levels, String subject,
		String description, String link, Long organisationId, String organisationName, String state,
		boolean recommended, Instant submittedAt, List<Author> authors, List<ProductFile> files, List<Review> reviews) {

	boolean inCabinet() {
		return "approved".equals(this.state) || "recommended".equals(this.state);
	}

	Product withReviews(List<Review> reviews) {
		return new Product(this.id, this.networkId, this.title, this.type, this.levels, this.subject, this.description,
				this.link, this.organisationId, this.organisationName, this.state, this.recommended, this.submittedAt,
				this.authors, this.files, reviews);
	}

	/** An author as the cabinet credits them. */
	public record Author(long teacherId, String name) {
	}

	/** A stored file: its content is downloaded separately. */
	public record ProductFile(long id, String fileName, String contentType, long sizeBytes, String sha256) {
	}

}
