package org.centrik.network;

/**
 * Identifies a methodical network.
 */
public record NetworkId(long value) {

}
