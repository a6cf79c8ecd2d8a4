/**
 * The bank of innovative practices, the requests organisations make for each other's
 * practice, their workflow, and the collaboration matrix built from them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Collaboration matrix",
		allowedDependencies = { "shared", "network", "live", "security" })
package org.centrik.matrix;
