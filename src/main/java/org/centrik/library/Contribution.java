package org.centrik.library;

import java.time.Instant;

/**
 * A teacher's contribution to the virtual methodical cabinet: a product they are an
 * author of that passed expert review; shown on their activity card.
 *
 * @param teacherId the author credited
 * @param productId the product, in the cabinet
 * @param recommended whether the experts recommend it for publication
 * @param version the version that was approved
 * @param approvedAt when the last conclusion of the approving round came
 */
public record Contribution(long teacherId, long productId, long networkId, String title, String type,
		boolean recommended, int version, Instant approvedAt) {
}
