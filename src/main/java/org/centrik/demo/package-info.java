/**
 * The demo network, in Russian, loaded once on the first start in embedded mode (or on
 * demand), so that a new user sees a living network at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo network",
		allowedDependencies = { "shared", "network", "events", "attendance", "live", "security" })
package org.centrik.demo;
