package org.centrik.recognition;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.centrik.attendance.Participation;
import org.centrik.recognition.CertificateEligibility.Progress;
import org.centrik.shared.SchoolYear;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Activity cards as the rules see them: each teacher's centriks per network, derived from
 * participations (present, in events not cancelled), and the certificates that already
 * exchanged some of them. Bulk: one statement for any number of teachers.
 */
@Component
class Cards {

	/** School years, and so "today", are counted in the network's zone. */
	static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	private static final String CENTRIKS = """
			select p.id as participation_id, p.event_id, p.teacher_id, p.role, e.network_id, n.name as network_name,
			       (e.starts_at at time zone e.time_zone)::date as day
			from participations p
			join events e on e.id = p.event_id
			join networks n on n.id = e.network_id
			where p.status = 'present' and e.state <> 'cancelled'
			  and (e.starts_at at time zone e.time_zone)::date between :from and :to
			""";

	private final DatabaseClient database;

	private final Clock clock;

	Cards(DatabaseClient database, ObjectProvider<Clock> clock) {
		this.database = database;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The school year of today. */
	SchoolYear currentYear() {
		return SchoolYear.of(LocalDate.now(this.clock.withZone(ZONE)));
	}

	LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZONE));
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The progress of teachers' cards at the end of a school year, in every network they
	 * collected centriks in, and in the networks given for each (e.g. those their
	 * organisation is a member of) even without a centrik.
	 */
	Mono<Map<Long, List<NetworkProgress>>> progress(List<Long> teachers, SchoolYear year,
			Map<Long, Set<NetworkRef>> alsoIn) {
		if (teachers.isEmpty()) {
			return Mono.just(Map.of());
		}
		Long[] ids = teachers.toArray(Long[]::new);
		Mono<List<Row>> centriks = rows(CENTRIKS + " and p.teacher_id = any(:teachers)", year).bind("teachers", ids)
			.map((row) -> row(row))
			.all()
			.collectList();
		Mono<List<Issued>> certificates = issued("teacher_id = any(:teachers)").bind("teachers", ids)
			.map((row) -> issued(row))
			.all()
			.collectList();
		return Mono.zip(centriks, certificates).map((both) -> {
			Map<Long, List<NetworkProgress>> result = new LinkedHashMap<>();
			for (long teacher : teachers) {
				Map<NetworkRef, List<Centrik>> byNetwork = new TreeMap<>(Comparator.comparingLong(NetworkRef::id));
				alsoIn.getOrDefault(teacher, Set.of()).forEach((network) -> byNetwork.put(network, new ArrayList<>()));
				both.getT1()
					.stream()
					.filter((row) -> row.teacher() == teacher)
					.forEach((row) -> byNetwork.computeIfAbsent(row.network(), (key) -> new ArrayList<>())
						.add(row.centrik()));
				List<Issued> own = both.getT2().stream().filter((issued) -> issued.teacher() == teacher).toList();
				result.put(teacher,
						byNetwork.entrySet()
							.stream()
							.map((entry) -> progress(entry.getKey(), entry.getValue(), year, own))
							.toList());
			}
			return result;
		});
	}

	/**
	 * Every teacher with a centrik in the network within the three school years up to
	 * {@code year}, with their card's progress in that network; the certificate each
	 * already holds for the year, revoked or not, is part of the answer.
	 */
	Flux<NetworkProgress> ofNetwork(long network, SchoolYear year) {
		Mono<Map<Long, List<Centrik>>> centriks = rows(CENTRIKS + " and e.network_id = :network", year)
			.bind("network", network)
			.map((row) -> row(row))
			.all()
			.collect(Collectors.groupingBy(Row::teacher, TreeMap::new,
					Collectors.mapping(Row::centrik, Collectors.toList())));
		Mono<Map<Long, List<Issued>>> certificates = issued("network_id = :network").bind("network", network)
			.map((row) -> issued(row))
			.all()
			.collect(Collectors.groupingBy(Issued::teacher));
		Mono<String> name = this.database.sql("select name from networks where id = :network")
			.bind("network", network)
			.map((row) -> row.get("name", String.class))
			.one();
		return Mono.zip(centriks, certificates, name)
			.flatMapMany((all) -> Flux.fromIterable(all.getT1().entrySet())
				.map((entry) -> progress(new NetworkRef(network, all.getT3()), entry.getValue(), year,
						all.getT2().getOrDefault(entry.getKey(), List.of()))
					.withTeacher(entry.getKey())));
	}

	private static NetworkProgress progress(NetworkRef network, List<Centrik> centriks, SchoolYear year,
			List<Issued> certificates) {
		List<Issued> inNetwork = certificates.stream().filter((issued) -> issued.network() == network.id()).toList();
		SchoolYear lastCertified = inNetwork.stream()
			.filter((issued) -> !issued.revoked() && issued.year().compareTo(year) < 0)
			.map(Issued::year)
			.max(Comparator.naturalOrder())
			.orElse(null);
		Issued thisYear = inNetwork.stream().filter((issued) -> issued.year().equals(year)).findFirst().orElse(null);
		return new NetworkProgress(0, network,
				CertificateEligibility.threeCentriksWithinThreeYears(centriks, year, lastCertified), thisYear);
	}

	private DatabaseClient.GenericExecuteSpec rows(String sql, SchoolYear year) {
		// a centrik of the closed year and the two before it, or of the years after the
		// last certificate: never earlier
		return this.database.sql(sql)
			.bind("from", year.minus(CertificateEligibility.SCHOOL_YEARS - 1).firstDay())
			.bind("to", year.lastDay());
	}

	private DatabaseClient.GenericExecuteSpec issued(String where) {
		return this.database.sql("""
				select id, teacher_id, network_id, school_year, kind, number, revoked_at is not null as revoked
				from certificates where kind in ('teacher_certificate', 'network_teacher') and
				""" + where);
	}

	private static Row row(Readable row) {
		return new Row(row.get("teacher_id", Long.class),
				new NetworkRef(row.get("network_id", Long.class), row.get("network_name", String.class)),
				new Centrik(row.get("participation_id", Long.class), row.get("event_id", Long.class),
						row.get("day", LocalDate.class),
						Participation.Role.valueOf(row.get("role", String.class).toUpperCase())));
	}

	private static Issued issued(Readable row) {
		return new Issued(row.get("id", Long.class), row.get("teacher_id", Long.class),
				row.get("network_id", Long.class), new SchoolYear(row.get("school_year", Integer.class)),
				CertificateKind.of(row.get("kind", String.class)), row.get("number", String.class),
				Boolean.TRUE.equals(row.get("revoked", Boolean.class)));
	}

	/** The ids of the teachers of an organisation, by name. */
	Flux<Teacher> teachersOf(long organisation) {
		return this.database.sql("""
				select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, t.position, t.subject
				from teachers t where t.organisation_id = :organisation order by t.last_name, t.first_name, t.id
				""")
			.bind("organisation", organisation)
			.map((row) -> new Teacher(row.get("id", Long.class), row.get("name", String.class),
					row.get("position", String.class), row.get("subject", String.class)))
			.all();
	}

	/** The networks the organisation is a member of today. */
	Mono<Set<NetworkRef>> networksOf(long organisation) {
		return this.database.sql("""
				select distinct n.id, n.name from agreements a join networks n on n.id = a.network_id
				where a.organisation_id = :organisation
				  and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
				""")
			.bind("organisation", organisation)
			.map((row) -> new NetworkRef(row.get("id", Long.class), row.get("name", String.class)))
			.all()
			.collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparingLong(NetworkRef::id))));
	}

	/** Whether an organisation exists. */
	Mono<Boolean> organisationExists(long organisation) {
		return this.database.sql("select exists (select 1 from organisations where id = :id) as found")
			.bind("id", organisation)
			.map((row) -> Boolean.TRUE.equals(row.get("found", Boolean.class)))
			.one();
	}

	/**
	 * The networks each teacher's organisation is a member of today, for any number of
	 * teachers in one statement; a teacher whose organisation is in none is not a key.
	 */
	Mono<Map<Long, Set<NetworkRef>>> networksOfTeachers(List<Long> teachers) {
		return this.database.sql("""
				select distinct t.id as teacher_id, n.id, n.name
				from teachers t
				join agreements a on a.organisation_id = t.organisation_id
				join networks n on n.id = a.network_id
				where t.id = any(:teachers)
				  and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
				""")
			.bind("teachers", teachers.toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("teacher_id", Long.class),
					new NetworkRef(row.get("id", Long.class), row.get("name", String.class))))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
					Collectors.toCollection(() -> new TreeSet<>(Comparator.comparingLong(NetworkRef::id))))));
	}

	/**
	 * Green and red centriks per school year of each teacher (present participations,
	 * whatever became of their events), in one statement for any number of teachers.
	 */
	Mono<Map<Long, List<YearCount>>> centriksPerYear(List<Long> teachers) {
		return this.database
			.sql("""
					select p.teacher_id,
					       extract(year from (e.starts_at at time zone e.time_zone) - interval '8 months')::int as school_year,
					       count(*) filter (where p.role <> 'presenter') as green,
					       count(*) filter (where p.role = 'presenter') as red
					from participations p
					join events e on e.id = p.event_id
					where p.teacher_id = any(:teachers) and p.status = 'present'
					group by 1, 2
					order by 1, 2
					""")
			.bind("teachers", teachers.toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("teacher_id", Long.class),
					new YearCount(row.get("school_year", Integer.class), row.get("green", Long.class).intValue(),
							row.get("red", Long.class).intValue())))
			.all()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	/** A teacher's organisation, or empty. */
	Mono<Long> organisationOf(long teacher) {
		return this.database.sql("select organisation_id from teachers where id = :teacher")
			.bind("teacher", teacher)
			.map((row) -> row.get("organisation_id", Long.class))
			.one();
	}

	static Map<Long, Set<NetworkRef>> everyone(List<Long> teachers, Set<NetworkRef> networks) {
		Map<Long, Set<NetworkRef>> map = new HashMap<>();
		teachers.forEach((teacher) -> map.put(teacher, networks));
		return map;
	}

	record NetworkRef(long id, String name) {
	}

	/** Green (listener) and red (presenter) centriks of one school year. */
	record YearCount(int schoolYear, int green, int red) {
	}

	record Teacher(long id, String name, String position, String subject) {
	}

	private record Row(long teacher, NetworkRef network, Centrik centrik) {
	}

	/** A teacher certificate already issued. */
	record Issued(long id, long teacher, long network, SchoolYear year, CertificateKind kind, String number,
			boolean revoked) {
	}

	/**
	 * A card's progress in one network.
	 *
	 * @param teacher the teacher (0 when the caller knows)
	 * @param network the network
	 * @param progress the rule's answer
	 * @param issued the certificate already issued for the year, or {@code null}
	 */
	record NetworkProgress(long teacher, NetworkRef network, Progress progress, Issued issued) {

		NetworkProgress withTeacher(long teacher) {
			return new NetworkProgress(teacher, this.network, this.progress, this.issued);
		}

		/** The view of the card and of the teachers list. */
		CardProgress view() {
			Progress p = this.progress;
			boolean certified = this.issued != null && !this.issued.revoked();
			return new CardProgress(this.network.id(), this.network.name(), p.year().startYear(),
					p.countsFrom().startYear(), p.counted().size(), p.green(), p.red(), CertificateEligibility.CENTRIKS,
					p.missing(), p.eligible(), p.oneShort() && !certified, p.earns(),
					certified ? this.issued.number() : null,
					p.counted().stream().map(Centrik::participationId).toList());
		}

	}

	/**
	 * How far a card is from a certificate in a network at the end of a school year.
	 *
	 * @param networkId the network
	 * @param networkName its name
	 * @param schoolYear the school year (its starting year)
	 * @param countsFrom the first school year whose centriks count
	 * @param centriks the centriks that count
	 * @param green green among them
	 * @param red red among them
	 * @param needed how many a certificate takes
	 * @param missing how many are missing
	 * @param eligible whether the card earns a certificate
	 * @param oneShort one centrik short (a warning for the teacher and their admin)
	 * @param earns which certificate it earns, or {@code null}
	 * @param certificateNumber the certificate issued for the year, or {@code null}
	 * @param participations the participations that count
	 */
	record CardProgress(long networkId, String networkName, int schoolYear, int countsFrom, int centriks, int green,
			int red, int needed, int missing, boolean eligible, boolean oneShort, CertificateKind earns,
			String certificateNumber, List<Long> participations) {
	}

}
