/**
 * The live core: the change log written in the same transaction as every change, its
 * commit-safe positions, wake-ups across nodes by LISTEN/NOTIFY, and resumable
 * subscriptions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Live core",
		allowedDependencies = { "shared", "security" })
package org.centrik.live;
