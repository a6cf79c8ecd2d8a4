package org.centrik.shared;

/**
 * Identifies a teacher (or any person of an organisation).
 */
public record TeacherId(long value) {

}
