package org.centrik.network;

/**
 * Identifies an educational organisation.
 */
public record OrganisationId(long value) {

}
