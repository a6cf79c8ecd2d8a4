/**
 * Users, roles and ownership, login and tokens, for HTTP and RSocket alike.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security", allowedDependencies = "shared")
package org.centrik.security;
