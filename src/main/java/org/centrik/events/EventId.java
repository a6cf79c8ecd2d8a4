package org.centrik.events;

/**
 * Identifies a network event.
 */
public record EventId(long value) {

}
