package org.centrik.recognition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.recognition.Cards.NetworkProgress;
import org.centrik.security.Actor;
import org.centrik.security.AuditAction;
import org.centrik.security.AuditLog;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.Problems;
import org.centrik.shared.SchoolYear;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * The coordinator's year end of a network: who gets which certificate (preview), issuing
 * them in one transaction (run, repeatable: a teacher never gets a second certificate for
 * a year), proposing and confirming «Сетевая площадка», revoking.
 */
@Service
class YearEnd {

	// The advisory lock of a network's year end: runs of one network and year take turns,
	// so numbers never collide and nothing is issued twice.
	private static final String LOCK = "select pg_advisory_xact_lock(hashtext('centrik year end'), hashtext(:key))";

	private final DatabaseClient database;

	private final Cards cards;

	private final Certificates certificates;

	private final ChangeLog changes;

	private final AuditLog audit;

	YearEnd(DatabaseClient database, Cards cards, Certificates certificates, ChangeLog changes, AuditLog audit) {
		this.database = database;
		this.cards = cards;
		this.certificates = certificates;
		this.changes = changes;
		this.audit = audit;
	}

	/** Who would get what if the year end ran now; changes nothing. */
	Mono<Outcome> preview(long network, SchoolYear year) {
		return requireNetwork(network).then(plan(network, year)).map((plan) -> plan.outcome(List.of()));
	}

	/**
	 * Issues the certificates of the school year in one transaction: numbered, dated
	 * today, with their evidence and a change on each holder's card; audited
	 * {@code year_end_run}. A second run issues only what became due since. Tells
	 * {@code progress} each step of the transaction as it is done (nothing is issued
	 * until the transaction commits: the caller says {@code done} after the outcome).
	 */
	@Transactional
	public Mono<Outcome> run(long network, SchoolYear year, Actor actor, Consumer<Progress> progress) {
		return requireNetwork(network).then(lock(network, year)).then(plan(network, year)).flatMap((plan) -> {
			List<NetworkProgress> due = plan.due();
			int total = due.size();
			progress.accept(new Progress(Progress.PLANNED, 0, total, null));
			List<CertificateKind> kinds = due.stream().map((p) -> p.progress().earns()).toList();
			List<Long> teachers = due.stream().map(NetworkProgress::teacher).toList();
			List<Long> none = due.stream().map((p) -> 0L).toList();
			return this.certificates.issue(network, year.startYear(), this.cards.today(), kinds, teachers, none)
				.collectList()
				.doOnNext((ids) -> progress.accept(new Progress(Progress.ISSUED, ids.size(), total, null)))
				.flatMap((ids) -> evidence(ids, due)
					.then(Mono
						.fromRunnable(() -> progress.accept(new Progress(Progress.EVIDENCE, ids.size(), total, null))))
					.then(announce(ids, (done) -> progress.accept(new Progress(Progress.ANNOUNCED, done, total, null))))
					.then(this.audit.record(actor, AuditAction.YEAR_END_RUN, "network:" + network,
							auditDetails(year, plan, ids.size())))
					.thenReturn(plan.outcome(ids)));
		});
	}

	/**
	 * Confirms the status «Сетевая площадка» of an organisation for the school year and
	 * issues its certificate; a second confirmation returns the first certificate. Fails
	 * with {@code not_eligible} (409) when the rule is not met by the certificates
	 * issued.
	 */
	@Transactional
	public Mono<Certificate> confirmPlatform(long network, long organisation, SchoolYear year, Actor actor) {
		return requireNetwork(network).then(lock(network, year))
			.then(existingPlatform(network, organisation, year))
			.switchIfEmpty(Mono.defer(() -> platforms(network, year, issuedNetworkTeachers(network, year))
				.filter((platform) -> platform.organisationId() == organisation)
				.next()
				.filter(PlatformProposal::met)
				.switchIfEmpty(Mono.error(() -> notEligible(organisation, year)))
				.flatMap((platform) -> this.certificates
					.issue(network, year.startYear(), this.cards.today(), List.of(CertificateKind.NETWORK_PLATFORM),
							List.of(0L), List.of(organisation))
					.next()
					.flatMap((id) -> this.certificates
						.evidence(platform.evidence().stream().map((e) -> id).toList(), platform.evidence())
						.then(this.audit.record(actor, AuditAction.PLATFORM_STATUS_CONFIRMED,
								"organisation:" + organisation,
								Map.of("network", network, "schoolYear", year.startYear(), "certificate", id,
										"certifiedPresenters", platform.certifiedPresenters())))
						.thenReturn(id)))))
			.flatMap(this.certificates::find);
	}

	/**
	 * Revokes a certificate, with the reason; the holder's card shows it. Revoking twice
	 * changes nothing.
	 */
	@Transactional
	public Mono<Certificate> revoke(Certificate certificate, String reason, Actor actor) {
		if (reason == null || reason.isBlank()) {
			return Mono.error(
					Problems.problem(HttpStatus.BAD_REQUEST, "bad_input", "Bad input", "A revocation needs a reason."));
		}
		return this.certificates.revoke(certificate.id(), reason.trim(), actor.login(), this.cards.now())
			.flatMap((revoked) -> !revoked ? Mono.empty()
					: this.audit
						.record(actor, AuditAction.CERTIFICATE_REVOKED, "certificate:" + certificate.id(),
								Map.of("number", certificate.number(), "reason", reason.trim()))
						.then(this.certificates.find(certificate.id()))
						.flatMap((now) -> (now.teacherId() == null) ? Mono.empty()
								: this.changes.append(Topic.card(now.teacherId()), "certificate.revoked",
										CertificateSummary.of(now))))
			.then(this.certificates.find(certificate.id()));
	}

	private Mono<Plan> plan(long network, SchoolYear year) {
		return this.cards.ofNetwork(network, year).collectList().flatMap((progress) -> {
			Set<Long> networkTeachers = new TreeSet<>();
			progress.stream()
				.filter((p) -> p.issued() != null && !p.issued().revoked()
						&& p.issued().kind() == CertificateKind.NETWORK_TEACHER)
				.forEach((p) -> networkTeachers.add(p.teacher()));
			progress.stream()
				.filter((p) -> p.issued() == null && p.progress().earns() == CertificateKind.NETWORK_TEACHER)
				.forEach((p) -> networkTeachers.add(p.teacher()));
			return names(progress.stream().map(NetworkProgress::teacher).toList())
				.zipWith(platforms(network, year, Mono.just(networkTeachers)).collectList())
				.map((both) -> new Plan(year, progress, both.getT1(), both.getT2()));
		});
	}

	private Mono<Set<Long>> issuedNetworkTeachers(long network, SchoolYear year) {
		return this.database.sql("""
				select teacher_id from certificates where network_id = :network and school_year = :year
				  and kind = 'network_teacher' and revoked_at is null
				""")
			.bind("network", network)
			.bind("year", year.startYear())
			.map((row) -> row.get("teacher_id", Long.class))
			.all()
			.collect(Collectors.toSet());
	}

	/**
	 * Executors of the year (hosts of its events) with what rule 6 needs: a declared
	 * practice, and their own teachers who presented at their finished events answering
	 * requests.
	 */
	private Flux<PlatformProposal> platforms(long network, SchoolYear year, Mono<Set<Long>> networkTeachers) {
		return networkTeachers.flatMapMany((certified) -> this.database.sql("""
				with executors as (
				    select distinct h.organisation_id from event_hosts h join events e on e.id = h.event_id
				    where e.network_id = :network and e.state = 'finished'
				      and (e.starts_at at time zone e.time_zone)::date between :first and :last
				)
				select o.id as organisation_id, o.name,
				       exists (select 1 from practices pr where pr.organisation_id = o.id and pr.network_id = :network
				               and pr.declared_on <= :last) as declared,
				       pp.teacher_id, pp.participation_id,
				       (select c.number from certificates c where c.network_id = :network and c.school_year = :year
				          and c.kind = 'network_platform' and c.organisation_id = o.id) as number
				from executors x
				join organisations o on o.id = x.organisation_id
				left join lateral (
				    select p.teacher_id, p.id as participation_id
				    from events e
				    join event_hosts h on h.event_id = e.id and h.organisation_id = o.id
				    join participations p on p.event_id = e.id and p.role = 'presenter' and p.status = 'present'
				    join teachers t on t.id = p.teacher_id and t.organisation_id = o.id
				    where e.network_id = :network and e.state = 'finished'
				      and (e.starts_at at time zone e.time_zone)::date between :first and :last
				      and exists (select 1 from event_requests er join requests r on r.id = er.request_id
				                  where er.event_id = e.id and r.state in ('scheduled', 'delivered'))
				) pp on true
				order by o.name, o.id, pp.participation_id
				""")
			.bind("network", network)
			.bind("year", year.startYear())
			.bind("first", year.firstDay())
			.bind("last", year.lastDay())
			.map((row) -> new PlatformRow(row.get("organisation_id", Long.class), row.get("name", String.class),
					Boolean.TRUE.equals(row.get("declared", Boolean.class)), row.get("teacher_id", Long.class),
					row.get("participation_id", Long.class), row.get("number", String.class)))
			.all()
			.collect(Collectors.groupingBy(PlatformRow::organisation, LinkedHashMap::new, Collectors.toList()))
			.flatMapIterable(Map::values)
			.map((rows) -> {
				PlatformRow first = rows.get(0);
				Set<Long> presenters = rows.stream()
					.map(PlatformRow::teacher)
					.filter(Objects::nonNull)
					.collect(Collectors.toSet());
				NetworkPlatformStatus.Outcome outcome = NetworkPlatformStatus
					.requiresThreeCertifiedPresenters(first.declared(), presenters, certified);
				List<Long> evidence = rows.stream()
					.filter((row) -> row.teacher() != null && outcome.certifiedPresenters().contains(row.teacher()))
					.map(PlatformRow::participation)
					.toList();
				return new PlatformProposal(first.organisation(), first.name(), outcome.declaredPractice(),
						presenters.size(), outcome.certifiedPresenters().stream().sorted().toList(),
						NetworkPlatformStatus.CERTIFIED_PRESENTERS, outcome.met(), first.number(), evidence);
			}));
	}

	private Mono<Map<Long, Named>> names(List<Long> teachers) {
		return this.database.sql("""
				select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, o.name as organisation
				from teachers t join organisations o on o.id = t.organisation_id where t.id = any(:teachers)
				""")
			.bind("teachers", teachers.toArray(Long[]::new))
			.map((row) -> new Named(row.get("id", Long.class), row.get("name", String.class),
					row.get("organisation", String.class)))
			.all()
			.collectMap(Named::id);
	}

	private Mono<Void> evidence(List<Long> ids, List<NetworkProgress> due) {
		List<Long> certificates = new ArrayList<>();
		List<Long> participations = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			for (Centrik centrik : due.get(i).progress().counted()) {
				certificates.add(ids.get(i));
				participations.add(centrik.participationId());
			}
		}
		return this.certificates.evidence(certificates, participations);
	}

	private Mono<Void> announce(List<Long> ids, IntConsumer announced) {
		AtomicInteger done = new AtomicInteger();
		return Flux.fromIterable(ids)
			.concatMap(this.certificates::find)
			.concatMap((certificate) -> this.changes
				.append(Topic.card(certificate.teacherId()), "certificate.issued", CertificateSummary.of(certificate))
				.then(Mono.fromRunnable(() -> announced.accept(done.incrementAndGet()))))
			.then();
	}

	private Mono<Void> lock(long network, SchoolYear year) {
		return this.database.sql(LOCK).bind("key", network + "/" + year.startYear()).then();
	}

	private Mono<Long> existingPlatform(long network, long organisation, SchoolYear year) {
		return this.database.sql("""
				select id from certificates where network_id = :network and school_year = :year
				  and kind = 'network_platform' and organisation_id = :organisation
				""")
			.bind("network", network)
			.bind("year", year.startYear())
			.bind("organisation", organisation)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	private Mono<Void> requireNetwork(long network) {
		return this.database.sql("select exists (select 1 from networks where id = :id) as found")
			.bind("id", network)
			.map((row) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
			.one()
			.flatMap((found) -> found ? Mono.<Void>empty() : Mono.error(new NotFoundException("network", network)));
	}

	private static Map<String, Object> auditDetails(SchoolYear year, Plan plan, int issued) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("schoolYear", year.startYear());
		details.put("issued", issued);
		details.put("alreadyIssued", plan.alreadyIssued().size());
		details.put("oneShort", plan.oneShort().size());
		return details;
	}

	private static ErrorResponseException notEligible(long organisation, SchoolYear year) {
		return Problems.problem(HttpStatus.CONFLICT, "not_eligible", "Not eligible",
				"Organisation " + organisation + " does not meet the «Сетевая площадка» rule for " + year
						+ ": a declared practice and at least " + NetworkPlatformStatus.CERTIFIED_PRESENTERS
						+ " of its teachers certified «Сетевой педагог» presenting at its events answering requests.");
	}

	private record Named(long id, String name, String organisation) {
	}

	private record PlatformRow(long organisation, String name, boolean declared, Long teacher, Long participation,
			String number) {
	}

	/** The year's cards of a network, as the rules see them before anything is issued. */
	private record Plan(SchoolYear year, List<NetworkProgress> progress, Map<Long, Named> names,
			List<PlatformProposal> platforms) {

		List<NetworkProgress> due() {
			return this.progress.stream().filter((p) -> p.issued() == null && p.progress().eligible()).toList();
		}

		List<NetworkProgress> alreadyIssued() {
			return this.progress.stream().filter((p) -> p.issued() != null).toList();
		}

		List<NetworkProgress> oneShort() {
			return this.progress.stream().filter((p) -> p.issued() == null && p.progress().oneShort()).toList();
		}

		Outcome outcome(List<Long> issuedIds) {
			List<NetworkProgress> due = due();
			List<Award> awards = new ArrayList<>();
			for (int i = 0; i < due.size(); i++) {
				awards.add(award(due.get(i), (i < issuedIds.size()) ? issuedIds.get(i) : null, null));
			}
			return new Outcome(this.year.startYear(), awards,
					alreadyIssued().stream().map((p) -> award(p, p.issued().id(), p.issued().number())).toList(),
					oneShort().stream().map((p) -> award(p, null, null)).toList(), this.platforms);
		}

		private Award award(NetworkProgress p, Long certificate, String number) {
			Named teacher = this.names.get(p.teacher());
			CertificateKind kind = (p.issued() != null) ? p.issued().kind() : p.progress().earns();
			return new Award(p.teacher(), (teacher != null) ? teacher.name() : null,
					(teacher != null) ? teacher.organisation() : null, kind, p.progress().counted().size(),
					p.progress().green(), p.progress().red(), p.progress().missing(), certificate, number,
					(p.issued() != null) && p.issued().revoked());
		}

	}

	/**
	 * A year end: certificates issued (or to issue), those issued before, teachers one
	 * centrik short, network platforms proposed.
	 *
	 * @param schoolYear the school year (its starting year)
	 * @param certificates those issued by this run (in a preview: to issue)
	 * @param alreadyIssued those issued before, revoked ones too
	 * @param oneShort teachers one centrik short
	 * @param platforms executor organisations and where they stand on rule 6
	 */
	record Outcome(int schoolYear, List<Award> certificates, List<Award> alreadyIssued, List<Award> oneShort,
			List<PlatformProposal> platforms) {
	}

	/**
	 * One teacher in a year end.
	 *
	 * @param teacherId the teacher
	 * @param teacherName their full name
	 * @param organisationName their organisation
	 * @param kind the certificate earned (or held), or {@code null}
	 * @param centriks centriks that count
	 * @param green green ones
	 * @param red red ones
	 * @param missing centriks missing
	 * @param certificateId the certificate, once issued
	 * @param number its number, for one issued before
	 * @param revoked whether that certificate was revoked
	 */
	record Award(long teacherId, String teacherName, String organisationName, CertificateKind kind, int centriks,
			int green, int red, int missing, Long certificateId, String number, boolean revoked) {
	}

	/**
	 * An executor organisation and rule 6.
	 *
	 * @param organisationId the organisation
	 * @param organisationName its name
	 * @param declaredPractice whether it has a practice in the bank
	 * @param presenters how many of its teachers presented at its events answering
	 * requests
	 * @param certifiedPresenters those of them certified «Сетевой педагог» for the year
	 * @param needed how many certified presenters the status takes
	 * @param met whether the status is due (proposed)
	 * @param certificateNumber the status certificate, once confirmed
	 * @param evidence the participations of the certified presenters
	 */
	record PlatformProposal(long organisationId, String organisationName, boolean declaredPractice, int presenters,
			List<Long> certifiedPresenters, int needed, boolean met, String certificateNumber, List<Long> evidence) {
	}

	/**
	 * A step of a year-end run, for a caller who shows progress.
	 *
	 * @param stage {@code planned} (who is due), {@code issued} (the certificates
	 * numbered), {@code evidence} (their participations recorded), {@code announced}
	 * (cards told, one by one), {@code done} (committed; only this one has the outcome)
	 * @param done certificates through this stage so far
	 * @param total certificates this run issues
	 * @param outcome the outcome, once committed
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Progress(String stage, int done, int total, Outcome outcome) {

		static final String PLANNED = "planned";

		static final String ISSUED = "issued";

		static final String EVIDENCE = "evidence";

		static final String ANNOUNCED = "announced";

		static final String DONE = "done";

		static Progress done(Outcome outcome) {
			return new Progress(DONE, outcome.certificates().size(), outcome.certificates().size(), outcome);
		}

	}

}
