package org.centrik.recognition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NotFoundException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The issued certificates: numbered within their network and school year, each with a
 * secret verification token and the participations it was issued for.
 */
@Component
class Certificates {

	private static final String SELECT = """
			select c.id, c.kind, c.number, c.school_year, c.issued_on, c.network_id, n.name as network_name,
			       co.name as issuer_name, c.teacher_id,
			       case when c.teacher_id is not null then concat_ws(' ', t.last_name, t.first_name, t.middle_name)
			            else o.name end as holder_name,
			       coalesce(t.organisation_id, c.organisation_id) as organisation_id, ho.name as organisation_name,
			       c.revoked_at, c.revoke_reason, c.verification_token
			from certificates c
			join networks n on n.id = c.network_id
			join organisations co on co.id = n.coordinator_id
			left join teachers t on t.id = c.teacher_id
			left join organisations o on o.id = c.organisation_id
			join organisations ho on ho.id = coalesce(t.organisation_id, c.organisation_id)
			""";

	private final DatabaseClient database;

	Certificates(DatabaseClient database) {
		this.database = database;
	}

	/** A certificate with its evidence; {@code not_found} when there is none. */
	Mono<Certificate> find(long id) {
		return one(SELECT + " where c.id = :key", id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("certificate", id)));
	}

	/** The certificate of a verification token, or empty. */
	Mono<Certificate> byToken(String token) {
		return one(SELECT + " where c.verification_token = :key", token);
	}

	/** A teacher's certificates, newest first, without evidence. */
	Flux<Certificate> ofTeacher(long teacher) {
		return this.database.sql(SELECT + " where c.teacher_id = :teacher order by c.school_year desc, c.id desc")
			.bind("teacher", teacher)
			.map((row) -> certificate(row, List.of()))
			.all();
	}

	/**
	 * Inserts certificates of a network and school year, numbered after the highest
	 * serial so far; call under the year's lock. The holders are given by index: a
	 * teacher, or {@code 0} and an organisation.
	 * @return the new certificates' ids, in the order of the holders
	 */
	Flux<Long> issue(long network, int schoolYear, LocalDate issuedOn, List<CertificateKind> kinds, List<Long> teachers,
			List<Long> organisations) {
		if (kinds.isEmpty()) {
			return Flux.empty();
		}
		return this.database.sql("""
				with base as (select coalesce(max(serial), 0) as serial from certificates
				              where network_id = :network and school_year = :year)
				insert into certificates (network_id, school_year, kind, teacher_id, organisation_id, number, issued_on,
				                          verification_token, serial)
				select :network, :year, h.kind, nullif(h.teacher, 0), nullif(h.organisation, 0),
				       :network || '-' || :year || '-' || lpad((base.serial + h.ord)::text, 4, '0'),
				       :issuedOn, replace(gen_random_uuid()::text, '-', ''), base.serial + h.ord
				from base, unnest(:kinds::text[], :teachers::bigint[], :organisations::bigint[])
				     with ordinality as h(kind, teacher, organisation, ord)
				order by h.ord
				returning id, serial
				""")
			.bind("network", network)
			.bind("year", schoolYear)
			.bind("issuedOn", issuedOn)
			.bind("kinds", kinds.stream().map(CertificateKind::code).toArray(String[]::new))
			.bind("teachers", teachers.toArray(Long[]::new))
			.bind("organisations", organisations.toArray(Long[]::new))
			.map((row) -> new long[] { row.get("serial", Integer.class), row.get("id", Long.class) })
			.all()
			.sort((a, b) -> Long.compare(a[0], b[0]))
			.map((pair) -> pair[1]);
	}

	/** Records the participations behind certificates: pairs of equal index. */
	Mono<Void> evidence(List<Long> certificates, List<Long> participations) {
		if (certificates.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				insert into certificate_evidence (certificate_id, participation_id)
				select * from unnest(:certificates::bigint[], :participations::bigint[])
				""")
			.bind("certificates", certificates.toArray(Long[]::new))
			.bind("participations", participations.toArray(Long[]::new))
			.then();
	}

	/**
	 * Revokes a certificate; one already revoked stays as it was.
	 * @return whether it was revoked now
	 */
	Mono<Boolean> revoke(long id, String reason, String by, Instant at) {
		return this.database.sql("""
				update certificates set revoked_at = :at, revoke_reason = :reason, revoked_by = :by
				where id = :id and revoked_at is null
				""")
			.bind("at", at)
			.bind("reason", reason)
			.bind("by", by)
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	private Mono<Certificate> one(String sql, Object key) {
		return this.database.sql(sql)
			.bind("key", key)
			.map((row) -> certificate(row, List.of()))
			.one()
			.flatMap((certificate) -> evidenceOf(certificate.id()).collectList()
				.map((evidence) -> withEvidence(certificate, evidence)));
	}

	private Flux<Certificate.Evidence> evidenceOf(long certificate) {
		return this.database.sql("""
				select p.id, p.event_id, e.title, (e.starts_at at time zone e.time_zone)::date as day, p.role,
				       concat_ws(' ', t.last_name, t.first_name, t.middle_name) as teacher_name
				from certificate_evidence ce
				join participations p on p.id = ce.participation_id
				join events e on e.id = p.event_id
				join teachers t on t.id = p.teacher_id
				where ce.certificate_id = :certificate
				order by e.starts_at, p.id
				""")
			.bind("certificate", certificate)
			.map((row) -> new Certificate.Evidence(row.get("id", Long.class), row.get("event_id", Long.class),
					row.get("title", String.class), row.get("day", LocalDate.class), row.get("role", String.class),
					row.get("teacher_name", String.class)))
			.all();
	}

	private static Certificate withEvidence(Certificate c, List<Certificate.Evidence> evidence) {
		return new Certificate(c.id(), c.kind(), c.number(), c.schoolYear(), c.issuedOn(), c.networkId(),
				c.networkName(), c.issuerName(), c.teacherId(), c.holderName(), c.organisationId(),
				c.organisationName(), c.revokedAt(), c.revokeReason(), c.verificationToken(), evidence);
	}

	private static Certificate certificate(Readable row, List<Certificate.Evidence> evidence) {
		OffsetDateTime revokedAt = row.get("revoked_at", OffsetDateTime.class);
		return new Certificate(row.get("id", Long.class), CertificateKind.of(row.get("kind", String.class)),
				row.get("number", String.class), row.get("school_year", Integer.class),
				row.get("issued_on", LocalDate.class), row.get("network_id", Long.class),
				row.get("network_name", String.class), row.get("issuer_name", String.class),
				row.get("teacher_id", Long.class), row.get("holder_name", String.class),
				row.get("organisation_id", Long.class), row.get("organisation_name", String.class),
				(revokedAt != null) ? revokedAt.toInstant() : null, row.get("revoke_reason", String.class),
				row.get("verification_token", String.class), evidence);
	}

}
