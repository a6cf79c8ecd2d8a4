package org.centrik.library;

import java.time.Instant;
import java.util.List;

/**
 * A methodical product: in review, or in the virtual cabinet once approved.
 *
 * @param organisationId the submitting organisation; {@code null} for a creative group's
 * product
 * @param creativeGroupId the submitting creative group, if a group submitted it
 * @param state {@code submitted}, {@code in_review}, {@code revision}, {@code approved},
 * {@code recommended}, {@code rejected}
 * @param recommended whether the experts recommend it for publication
 * @param submittedBy the user account that submitted its current version
 * @param version its current version, 1 for the first submission
 * @param versionSubmittedAt when the current version was submitted
 * @param authors its authors, credited in the cabinet
 * @param files the current version's files, downloaded as attachments
 * @param reviews its reviews with their deadlines, of every version; empty in the
 * cabinet's list
 * @param versions its earlier versions, oldest first; empty in the cabinet's list
 */
public record Product(long id, long networkId, String title, String type, List<String> levels, String subject,
		String description, String link, Long organisationId, String organisationName, Long creativeGroupId,
		String creativeGroupName, String state, boolean recommended, Instant submittedAt, Long submittedBy, int version,
		Instant versionSubmittedAt, List<Author> authors, List<ProductFile> files, List<Review> reviews,
		List<Version> versions) {

	boolean inCabinet() {
		return "approved".equals(this.state) || "recommended".equals(this.state);
	}

	Product withReviews(List<Review> reviews) {
		return new Product(this.id, this.networkId, this.title, this.type, this.levels, this.subject, this.description,
				this.link, this.organisationId, this.organisationName, this.creativeGroupId, this.creativeGroupName,
				this.state, this.recommended, this.submittedAt, this.submittedBy, this.version, this.versionSubmittedAt,
				this.authors, this.files, reviews, this.versions);
	}

	Product withVersions(List<Version> versions) {
		return new Product(this.id, this.networkId, this.title, this.type, this.levels, this.subject, this.description,
				this.link, this.organisationId, this.organisationName, this.creativeGroupId, this.creativeGroupName,
				this.state, this.recommended, this.submittedAt, this.submittedBy, this.version, this.versionSubmittedAt,
				this.authors, this.files, this.reviews, versions);
	}

	/** An author as the cabinet credits them. */
	public record Author(long teacherId, String name) {
	}

	/** A stored file: its content is downloaded separately. */
	public record ProductFile(long id, String fileName, String contentType, long sizeBytes, String sha256) {
	}

	/** An earlier version, kept when the product came back revised. */
	public record Version(int version, String title, String description, Instant submittedAt, List<ProductFile> files) {
	}

}
