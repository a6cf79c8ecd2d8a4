/**
 * The registry of a methodical network: organisations with their innovation labels,
 * networks and their coordinators, agreements that make an organisation a member for a
 * period, and the teachers of each organisation.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry",
		allowedDependencies = { "shared", "security" })
package org.centrik.network;
