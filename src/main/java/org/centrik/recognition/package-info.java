/**
 * Activity cards derived from participations, certificate eligibility, year-end
 * certificates, the «Сетевой педагог» certification and the «Сетевая площадка» status.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recognition",
		allowedDependencies = { "shared", "network", "events", "attendance", "live", "security" })
package org.centrik.recognition;
