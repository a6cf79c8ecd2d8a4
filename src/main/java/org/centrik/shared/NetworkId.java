package org.centrik.shared;

/**
 * Identifies a methodical network.
 */
public record NetworkId(long value) {

}
