package org.centrik.security;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a user account; a plain number in JSON.
 */
public record UserId(@JsonValue long value) {

}
