package org.centrik.security;

/**
 * Identifies a user account.
 */
public record UserId(long value) {

}
