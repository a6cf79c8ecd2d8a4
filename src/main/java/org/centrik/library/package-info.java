/**
 * Methodical products, their expert review within ten days, the virtual methodical
 * cabinet of approved products, and inter-school creative groups.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Library",
		allowedDependencies = { "shared", "network", "security", "live" })
package org.centrik.library;
