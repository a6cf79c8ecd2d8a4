package org.centrik.shared;

/**
 * Identifies an educational organisation.
 */
public record OrganisationId(long value) {

}
