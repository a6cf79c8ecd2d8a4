package org.centrik.attendance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.centrik.events.Event;
import org.centrik.events.EventId;
import org.centrik.events.Schedule;
import org.centrik.security.Access;
import org.centrik.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Imports a webinar platform's participant list into an event's attendance: each row is
 * matched to a teacher of the network's member organisations by e-mail, else by name and
 * organisation; the matched are recorded as listeners (presenters of the event as
 * presenters) in one transaction — all or nothing — and a second import of the same list
 * adds nobody twice. Unmatched rows are listed for the host.
 */
@Service
class Imports {

	private final Access access;

	private final Schedule schedule;

	private final Attendance attendance;

	private final DatabaseClient database;

	private final TransactionalOperator transaction;

	private final Clock clock;

	Imports(Access access, Schedule schedule, Attendance attendance, DatabaseClient database,
			TransactionalOperator transaction, ObjectProvider<Clock> clock) {
		this.access = access;
		this.schedule = schedule;
		this.attendance = attendance;
		this.database = database;
		this.transaction = transaction;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Imports the file.
	 * @param dryRun only match, write nothing
	 */
	Mono<Report> importList(Caller caller, long eventId, String fileName, byte[] content, boolean dryRun) {
		return importList(caller, eventId, fileName, content, Map.of(), dryRun);
	}

	/**
	 * Imports the file with the host's answers for rows the matching could not place.
	 * @param resolutions teacher ids by row number, for unmatched rows only; each must be
	 * a teacher of a member organisation
	 * @param dryRun only match, write nothing
	 */
	Mono<Report> importList(Caller caller, long eventId, String fileName, byte[] content,
			Map<Integer, Long> resolutions, boolean dryRun) {
		return this.access.eventHost(caller, eventId)
			.then(this.schedule.event(new EventId(eventId)))
			.flatMap((event) -> allowed(event)
				.then(Mono.fromCallable(() -> ParticipantList.read(fileName, content))
					.subscribeOn(Schedulers.boundedElastic()))
				.flatMap(
						(lines) -> teachers(event).collectList().map((teachers) -> match(lines, teachers, resolutions)))
				.flatMap((matching) -> dryRun ? Mono.just(matching.report(0, true))
						: record(event, matching, "import:" + caller.login()).as(this.transaction::transactional)));
	}

	private Mono<Void> allowed(Event event) {
		if (event.state() == Event.State.CANCELLED) {
			return Mono.error(AttendanceRefusal.eventCancelled(event.id()));
		}
		if (this.clock.instant().isBefore(event.checkInOpensAt())) {
			return Mono.error(AttendanceRefusal.outsideWindow("Attendance opens at " + event.checkInOpensAt() + ".",
					event.checkInOpensAt(), event.checkInClosesAt()));
		}
		return Mono.empty();
	}

	private Mono<Report> record(Event event, Matching matching, String by) {
		Long[] teachers = matching.teachers().toArray(Long[]::new);
		if (teachers.length == 0) {
			return Mono.just(matching.report(0, false));
		}
		return this.database
			.sql("""
					insert into participations (event_id, teacher_id, role, method, recorded_at, recorded_by)
					select :event, t.id,
					       case when exists (select 1 from event_presenters s where s.event_id = :event and s.teacher_id = t.id)
					            then 'presenter' else 'listener' end,
					       'import', :recordedAt, :by
					from unnest(:teachers::bigint[]) with ordinality as t (id, n)
					order by t.n
					on conflict do nothing
					returning id
					""")
			.bind("event", event.id())
			.bind("teachers", teachers)
			.bind("recordedAt", event.startsAt())
			.bind("by", by)
			.map((row) -> row.get("id", Long.class))
			.all()
			.concatMap(this.attendance::publishRecorded)
			.count()
			.map((recorded) -> matching.report(recorded.intValue(), false));
	}

	/**
	 * The teachers of the organisations that are members of the event's network today.
	 */
	private Flux<Teacher> teachers(Event event) {
		return this.database.sql("""
				select distinct t.id, t.last_name, t.first_name, coalesce(t.middle_name, '') as middle_name,
				       lower(t.email) as email, o.name as organisation, coalesce(o.short_name, '') as short_name
				from teachers t
				join organisations o on o.id = t.organisation_id
				join agreements a on a.organisation_id = o.id and a.network_id = :network
				    and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)
				""")
			.bind("network", event.networkId())
			.map((row) -> new Teacher(row.get("id", Long.class),
					words(row.get("last_name", String.class) + " " + row.get("first_name", String.class) + " "
							+ row.get("middle_name", String.class)),
					words(row.get("last_name", String.class) + " " + row.get("first_name", String.class)),
					row.get("email", String.class), normal(row.get("organisation", String.class)),
					normal(row.get("short_name", String.class))))
			.all();
	}

	static Matching match(List<ParticipantList.Line> lines, List<Teacher> teachers) {
		return match(lines, teachers, Map.of());
	}

	static Matching match(List<ParticipantList.Line> lines, List<Teacher> teachers, Map<Integer, Long> resolutions) {
		Set<Long> members = teachers.stream().map(Teacher::id).collect(Collectors.toSet());
		for (Map.Entry<Integer, Long> resolution : resolutions.entrySet()) {
			if (resolution.getKey() == null || resolution.getValue() == null) {
				throw new IllegalArgumentException("A resolution needs a row and a teacher id.");
			}
			if (!members.contains(resolution.getValue())) {
				throw new org.centrik.shared.ForbiddenException("not_member", "Teacher " + resolution.getValue()
						+ " (row " + resolution.getKey() + ") is not of a member organisation of the network.");
			}
		}
		Set<Integer> rows = lines.stream().map(ParticipantList.Line::row).collect(Collectors.toSet());
		for (Integer row : resolutions.keySet()) {
			if (!rows.contains(row)) {
				throw new IllegalArgumentException("Row " + row + " is not a participant row of the file.");
			}
		}
		Map<String, Teacher> byEmail = new HashMap<>();
		Map<Set<String>, List<Teacher>> byName = new HashMap<>();
		for (Teacher teacher : teachers) {
			if (teacher.email() != null) {
				byEmail.put(teacher.email(), teacher);
			}
			byName.computeIfAbsent(teacher.fullName(), (key) -> new ArrayList<>()).add(teacher);
			if (!teacher.shortName().equals(teacher.fullName())) {
				byName.computeIfAbsent(teacher.shortName(), (key) -> new ArrayList<>()).add(teacher);
			}
		}
		LinkedHashSet<Long> matched = new LinkedHashSet<>();
		List<Unmatched> unmatched = new ArrayList<>();
		List<ParticipantList.Line> duplicates = new ArrayList<>();
		int resolved = 0;
		for (ParticipantList.Line line : lines) {
			Teacher teacher = byEmail.get(line.email().toLowerCase(Locale.ROOT));
			String reason = null;
			if (teacher == null) {
				List<Teacher> named = byName.getOrDefault(words(line.name()), List.of());
				String organisation = normal(line.organisation());
				List<Teacher> candidates = organisation.isEmpty() ? named
						: named.stream().filter((candidate) -> candidate.worksAt(organisation)).toList();
				if (candidates.size() == 1) {
					teacher = candidates.get(0);
				}
				else {
					reason = candidates.isEmpty() ? "no_match" : "ambiguous";
				}
			}
			Long answer = resolutions.get(line.row());
			if (answer != null) {
				if (teacher != null) {
					throw new IllegalArgumentException(
							"Row " + line.row() + " was matched already: only unmatched rows are resolved.");
				}
				resolved++;
				if (!matched.add(answer)) {
					duplicates.add(line);
				}
			}
			else if (teacher == null) {
				unmatched.add(new Unmatched(line.row(), line.email(), line.name(), line.organisation(), reason));
			}
			else if (!matched.add(teacher.id())) {
				duplicates.add(line);
			}
		}
		return new Matching(lines.size(), matched, resolved, unmatched, duplicates);
	}

	private static Set<String> words(String name) {
		return Arrays.stream(normal(name).split(" ")).filter((word) -> !word.isEmpty()).collect(Collectors.toSet());
	}

	private static String normal(String text) {
		return (text != null) ? text.toLowerCase(Locale.ROOT)
			.replace('ё', 'е')
			.replaceAll("[\"«»“”„']", "")
			.replaceAll("\\s+", " ")
			.trim() : "";
	}

	/**
	 * A teacher of a member organisation, as the matching compares them.
	 *
	 * @param fullName the words of last, first and middle name
	 * @param shortName the words of last and first name
	 */
	record Teacher(long id, Set<String> fullName, Set<String> shortName, String email, String organisation,
			String organisationShort) {

		boolean worksAt(String given) {
			return given.equals(this.organisation)
					|| (!this.organisationShort.isEmpty()
							&& (given.equals(this.organisationShort) || given.contains(this.organisationShort)))
					|| this.organisation.contains(given) || given.contains(this.organisation);
		}

	}

	record Matching(int rows, Set<Long> teachers, int resolved, List<Unmatched> unmatched,
			List<ParticipantList.Line> duplicates) {

		Report report(int recorded, boolean dryRun) {
			return new Report(dryRun, this.rows, this.teachers.size(), this.resolved, recorded,
					dryRun ? 0 : this.teachers.size() - recorded, this.unmatched, this.duplicates);
		}

	}

	/**
	 * A row no teacher was found for.
	 *
	 * @param reason {@code no_match} (no teacher of a member organisation by that e-mail
	 * or name) or {@code ambiguous} (several, and the organisation does not tell them
	 * apart)
	 */
	record Unmatched(int row, String email, String name, String organisation, String reason) {
	}

	/**
	 * What an import did.
	 *
	 * @param dryRun whether nothing was written
	 * @param rows participant rows in the file
	 * @param matched distinct teachers matched (by the file or the host's resolutions)
	 * @param resolved rows the host resolved to a teacher
	 * @param recorded new participations
	 * @param alreadyRecorded matched teachers who had a participation already
	 * @param unmatched rows without a teacher
	 * @param duplicates rows of a teacher matched by an earlier row
	 */
	record Report(boolean dryRun, int rows, int matched, int resolved, int recorded, int alreadyRecorded,
			List<Unmatched> unmatched, List<ParticipantList.Line> duplicates) {
	}

}
