/**
 * Users, roles and ownership, login and tokens, for HTTP and RSocket alike; the audit log
 * of security-relevant events, which other modules write through {@link AuditLog}. The
 * design and the authorization table are in {@code docs/security.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security", allowedDependencies = "shared")
package org.centrik.security;
