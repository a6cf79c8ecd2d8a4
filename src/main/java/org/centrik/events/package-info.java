/**
 * Network events: their hosts, presenters, format, mode and time, the requests they
 * answer, registration in advance, and the schedule.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events",
		allowedDependencies = { "shared", "network", "live", "security", "matrix" })
package org.centrik.events;
