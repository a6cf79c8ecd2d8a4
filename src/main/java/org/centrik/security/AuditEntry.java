package org.centrik.security;

import java.time.Instant;

/**
 * One row of the audit log.
 *
 * @param id position in the log; higher is newer
 * @param at when it happened
 * @param actor who did it
 * @param action what they did
 * @param target what they did it to (e.g. {@code user:42}), or {@code null}
 * @param details further facts as a JSON object
 */
public record AuditEntry(long id, Instant at, Actor actor, AuditAction action, String target, String details) {

}
