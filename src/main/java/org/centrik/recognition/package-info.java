/**
 * Activity cards derived from participations (never stored twice) with their progress
 * towards a certificate, live on the card topic; the rules of the regulations
 * ({@code CertificateEligibility}, {@code NetworkTeacherCertification},
 * {@code NetworkPlatformStatus}); the coordinator's year end issuing certificates, the
 * «Сетевой педагог» certification and the «Сетевая площадка» status; certificates as PDF
 * and Open Badges credentials, and their public verification. See docs/recognition.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Recognition",
		allowedDependencies = { "shared", "network", "events", "attendance", "live", "security", "library" })
package org.centrik.recognition;
