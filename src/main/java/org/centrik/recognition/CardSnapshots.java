package org.centrik.recognition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.centrik.attendance.CardEntry;
import org.centrik.attendance.Participation;
import org.centrik.attendance.Participations;
import org.centrik.library.Contribution;
import org.centrik.library.Products;
import org.centrik.live.SnapshotSource;
import org.centrik.live.Topic;
import org.centrik.network.Registry;
import org.centrik.recognition.Cards.CardProgress;
import org.centrik.recognition.Cards.YearCount;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.SchoolYear;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The state of a teacher's activity-card topic: every participation, derived from the
 * attendance register (never stored twice), the centriks per school year, the progress
 * towards a certificate in each network, warnings, and the certificates issued.
 */
@Component
class CardSnapshots implements SnapshotSource {

	private final Participations participations;

	private final Registry registry;

	private final Access access;

	private final Cards cards;

	private final Certificates certificates;

	private final Products products;

	CardSnapshots(Participations participations, Registry registry, Access access, Cards cards,
			Certificates certificates, Products products) {
		this.participations = participations;
		this.registry = registry;
		this.access = access;
		this.cards = cards;
		this.certificates = certificates;
		this.products = products;
	}

	@Override
	public String kind() {
		return "cards";
	}

	@Override
	public Mono<Void> verify(Topic topic) {
		return this.registry.requireTeacher(new TeacherId(topic.key(0)));
	}

	/** Personal data: the teacher, their organisation's admin, the coordinator. */
	@Override
	public Mono<Void> authorize(Topic topic, Caller caller) {
		return this.access.teacher(caller, new TeacherId(topic.key(0)));
	}

	@Override
	public Mono<ActivityCard> snapshot(Topic topic) {
		return card(topic.key(0));
	}

	/** The card of a teacher, as of the current school year. */
	Mono<ActivityCard> card(long teacher) {
		SchoolYear year = this.cards.currentYear();
		Mono<List<CardEntry>> entries = this.participations.ofTeacher(teacher).collectList();
		Mono<List<CardProgress>> progress = this.cards.organisationOf(teacher)
			.flatMap(this.cards::networksOf)
			.defaultIfEmpty(Set.of())
			.flatMap((networks) -> this.cards.progress(List.of(teacher), year, Map.of(teacher, networks)))
			.map((all) -> all.getOrDefault(teacher, List.of()).stream().map(Cards.NetworkProgress::view).toList());
		Mono<List<CertificateSummary>> issued = this.certificates.ofTeacher(teacher)
			.map(CertificateSummary::of)
			.collectList();
		Mono<List<Contribution>> contributions = this.products.contributionsOf(new TeacherId(teacher)).collectList();
		return Mono.zip(entries, progress, issued, contributions)
			.map((all) -> new ActivityCard(teacher, year.startYear(), all.getT1(), years(all.getT1()), all.getT2(),
					Warning.of(all.getT2()), all.getT3(), all.getT4()));
	}

	/**
	 * What changes on teachers' cards when their participations or certificates do, as of
	 * the current school year: the centriks per year, the progress and the warnings (no
	 * entries); four statements for any number of teachers.
	 */
	Flux<ProgressChanged> progressOf(List<Long> teachers) {
		if (teachers.isEmpty()) {
			return Flux.empty();
		}
		SchoolYear year = this.cards.currentYear();
		Mono<Map<Long, List<Cards.NetworkProgress>>> progress = this.cards.networksOfTeachers(teachers)
			.flatMap((networks) -> this.cards.progress(teachers, year, networks));
		return Mono.zip(this.cards.centriksPerYear(teachers), progress)
			.flatMapIterable((both) -> teachers.stream().map((teacher) -> {
				List<CardProgress> own = both.getT2()
					.getOrDefault(teacher, List.of())
					.stream()
					.map(Cards.NetworkProgress::view)
					.toList();
				return new ProgressChanged(teacher, year.startYear(), both.getT1().getOrDefault(teacher, List.of()),
						own, Warning.of(own));
			}).toList());
	}

	private static List<YearCount> years(List<CardEntry> entries) {
		Map<Integer, int[]> counts = new TreeMap<>();
		entries.stream()
			.filter((entry) -> entry.status() == Participation.Status.PRESENT)
			.forEach((entry) -> counts.computeIfAbsent(entry.schoolYear(),
					(year) -> new int[2])[(entry.role() == Participation.Role.PRESENTER) ? 1 : 0]++);
		return counts.entrySet()
			.stream()
			.map((entry) -> new YearCount(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
			.toList();
	}

	/**
	 * A teacher's activity card.
	 *
	 * @param teacherId the teacher
	 * @param schoolYear the current school year, which the progress is for
	 * @param entries every participation, earliest first
	 * @param years green and red centriks per school year (present participations)
	 * @param progress towards a certificate, per network
	 * @param warnings e.g. one centrik short
	 * @param certificates the certificates issued to the teacher, newest first
	 * @param contributions the teacher's products in the virtual methodical cabinet
	 * (approved after expert review), newest first
	 */
	record ActivityCard(long teacherId, int schoolYear, List<CardEntry> entries, List<YearCount> years,
			List<CardProgress> progress, List<Warning> warnings, List<CertificateSummary> certificates,
			List<Contribution> contributions) {
	}

	/**
	 * A card's new summary, sent as {@code progress.changed}: replaces
	 * {@code schoolYear}, {@code years}, {@code progress} and {@code warnings} of the
	 * snapshot.
	 */
	record ProgressChanged(long teacherId, int schoolYear, List<YearCount> years, List<CardProgress> progress,
			List<Warning> warnings) {
	}

	/**
	 * Something the teacher and their organisation's admin should act on.
	 *
	 * @param code {@code one_centrik_short}
	 * @param networkId the network
	 * @param schoolYear the school year
	 * @param message in Russian, for the UI
	 */
	record Warning(String code, long networkId, int schoolYear, String message) {

		static List<Warning> of(List<CardProgress> progress) {
			return progress.stream()
				.filter(CardProgress::oneShort)
				.map((p) -> new Warning("one_centrik_short", p.networkId(), p.schoolYear(),
						"До сертификата за " + new SchoolYear(p.schoolYear()) + " учебный год в сети «"
								+ p.networkName() + "» не хватает одного центрика."))
				.toList();
		}

	}

}
