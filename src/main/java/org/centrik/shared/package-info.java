/**
 * What every module may use: school years, problem details for HTTP errors, and where the
 * database comes from (embedded PostgreSQL or a configured server).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package org.centrik.shared;
