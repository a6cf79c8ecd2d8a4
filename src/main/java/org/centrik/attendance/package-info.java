/**
 * Participations: who took part in which event as a listener or a presenter, how it was
 * recorded (check-in, host marking, import), and every correction made afterwards.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Attendance",
		allowedDependencies = { "shared", "network", "events", "live", "security" })
package org.centrik.attendance;
