package org.centrik.library;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.r2dbc.spi.Readable;
import org.centrik.live.ChangeLog;
import org.centrik.live.Topic;
import org.centrik.security.UserId;
import org.centrik.shared.ConflictException;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.Problems;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Inter-school creative groups: a teacher applies as leader with members from at least
 * two member organisations of the network; the coordinator creates the group or rejects
 * it with reasons, within seven days.
 */
@Service
public class CreativeGroups {

	private static final String SELECT = """
			select g.id, g.network_id, g.name, g.problem, g.expected_result, g.term_from, g.term_to, g.leader_id,
			       g.state, g.decision_reason, g.applied_at, g.decided_at,
			       array(select m.teacher_id from creative_group_members m join teachers t on t.id = m.teacher_id
			             where m.group_id = g.id order by t.last_name, t.id) as member_ids,
			       array(select concat_ws(' ', t.last_name, t.first_name, t.middle_name) from creative_group_members m
			             join teachers t on t.id = m.teacher_id where m.group_id = g.id order by t.last_name, t.id)
			           as member_names,
			       array(select t.organisation_id from creative_group_members m join teachers t on t.id = m.teacher_id
			             where m.group_id = g.id order by t.last_name, t.id) as member_organisations
			from creative_groups g
			""";

	/** Everyone who waits on a group: its members, who applied, the coordinators. */
	private static final String PEOPLE = """
			select u.id as user_id from users u join creative_group_members m on m.teacher_id = u.teacher_id
			where m.group_id = :id
			union select applied_by from creative_groups where id = :id and applied_by is not null
			union select ur.user_id from user_roles ur join creative_groups g on g.id = :id
			where ur.role = 'coordinator' and (ur.network_id is null or ur.network_id = g.network_id)
			""";

	private final DatabaseClient database;

	private final Clock clock;

	private final ChangeLog changes;

	CreativeGroups(DatabaseClient database, ObjectProvider<Clock> clock, ChangeLog changes) {
		this.database = database;
		this.clock = clock.getIfUnique(Clock::systemUTC);
		this.changes = changes;
	}

	/**
	 * Files an application, its leader among its members. Every member is a teacher of an
	 * organisation with an agreement in force with the network, and the members come from
	 * at least two organisations ({@code one_school}, {@code not_member} otherwise).
	 */
	@Transactional
	public Mono<CreativeGroup> apply(CreativeGroupApplication application, TeacherId leader, UserId by) {
		Set<Long> members = new LinkedHashSet<>();
		members.add(leader.value());
		members.addAll(application.memberIds());
		Long[] ids = members.toArray(Long[]::new);
		return this.database.sql("""
				select t.id, t.organisation_id, exists (select 1 from agreements a
				    where a.organisation_id = t.organisation_id and a.network_id = :network
				    and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)) as member
				from teachers t where t.id = any(:ids)
				""")
			.bind("network", application.networkId())
			.bind("ids", ids)
			.map((row) -> new MemberFacts(row.get("organisation_id", Long.class),
					Boolean.TRUE.equals(row.get("member", Boolean.class))))
			.all()
			.collectList()
			.flatMap((facts) -> {
				if (facts.size() != ids.length || facts.stream().anyMatch((fact) -> !fact.member())) {
					return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "not_member", "Not a member",
							"Every member of the group is a teacher of an organisation of network "
									+ application.networkId() + "."));
				}
				if (facts.stream().map(MemberFacts::organisation).distinct().count() < 2) {
					return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "one_school", "One school",
							"An inter-school creative group has members from at least two organisations."));
				}
				return insert(application, leader, by);
			})
			.flatMap((id) -> Flux.fromArray(ids)
				.concatMap((teacher) -> this.database
					.sql("insert into creative_group_members (group_id, teacher_id) values (:group, :teacher)")
					.bind("group", id)
					.bind("teacher", teacher)
					.then())
				.then(announce(id, "group.applied")));
	}

	private Mono<Long> insert(CreativeGroupApplication application, TeacherId leader, UserId by) {
		return this.database.sql("""
				insert into creative_groups (network_id, name, problem, expected_result, term_from, term_to, leader_id,
				    applied_by, applied_at)
				values (:network, :name, :problem, :result, :from, :to, :leader, :by, :now) returning id
				""")
			.bind("network", application.networkId())
			.bind("name", application.name().trim())
			.bind("problem", application.problem().trim())
			.bind("result", application.expectedResult().trim())
			.bind("from", application.termFrom())
			.bind("to", application.termTo())
			.bind("leader", leader.value())
			.bind("by", by.value())
			.bind("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	/**
	 * The coordinator's decision: create the group, or reject it with reasons; once.
	 * @param decision {@code create} or {@code reject}
	 */
	@Transactional
	public Mono<CreativeGroup> decide(long id, String decision, String reason) {
		boolean create = "create".equals(decision);
		if (!create && !"reject".equals(decision)) {
			return Mono.error(new IllegalArgumentException("A decision is create or reject."));
		}
		if (!create && (reason == null || reason.isBlank())) {
			return Mono.error(new IllegalArgumentException("Rejecting an application needs its reasons."));
		}
		return this.database.sql("""
				update creative_groups set state = :state, decision_reason = :reason, decided_at = :now
				where id = :id and state = 'applied'
				""")
			.bind("state", create ? "created" : "rejected")
			.bind("reason",
					org.springframework.r2dbc.core.Parameter
						.fromOrEmpty((reason != null && !reason.isBlank()) ? reason.trim() : null, String.class))
			.bind("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(
					(updated) -> (updated == 0)
							? Mono.<CreativeGroup>error(new ConflictException("already_decided",
									"Creative group " + id + " already has its decision."))
							: announce(id, "group.decided"));
	}

	/**
	 * Announces, once, every application still undecided seven days after it came:
	 * {@code group.overdue} on the desks of its people.
	 * @return how many applications became overdue
	 */
	@Transactional
	public Mono<Long> announceOverdue() {
		Instant now = this.clock.instant();
		return this.database.sql("""
				update creative_groups set overdue_announced_at = :now
				where id in (select id from creative_groups where state = 'applied' and overdue_announced_at is null
				             and applied_at < :cutoff for update skip locked)
				returning id
				""")
			.bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.bind("cutoff", OffsetDateTime.ofInstant(now.minus(CreativeGroup.DECISION_TERM), ZoneOffset.UTC))
			.map((row) -> row.get("id", Long.class))
			.all()
			.concatMap((id) -> announce(id, "group.overdue"))
			.count();
	}

	/** The groups a user leads, belongs to, applied for or decides on, newest first. */
	Flux<CreativeGroup> desk(UserId user) {
		return this.database.sql(SELECT + """
				 where g.applied_by = :user
				    or exists (select 1 from creative_group_members m join users u on u.teacher_id = m.teacher_id
				               where m.group_id = g.id and u.id = :user)
				    or exists (select 1 from user_roles ur where ur.user_id = :user and ur.role = 'coordinator'
				               and (ur.network_id is null or ur.network_id = g.network_id))
				order by g.applied_at desc, g.id desc limit 200
				""").bind("user", user.value()).map((row) -> group(row)).all();
	}

	/** Teachers of the network's member organisations, who may be members of a group. */
	Flux<Candidate> candidates(long network) {
		return this.database.sql("""
				select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, o.id as organisation_id,
				       o.name as organisation_name
				from teachers t join organisations o on o.id = t.organisation_id
				where exists (select 1 from agreements a where a.organisation_id = o.id and a.network_id = :network
				              and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date))
				order by o.name, t.last_name, t.id
				""")
			.bind("network", network)
			.map((row) -> new Candidate(row.get("id", Long.class), row.get("name", String.class),
					row.get("organisation_id", Long.class), row.get("organisation_name", String.class)))
			.all();
	}

	/** A teacher who may join a creative group of the network. */
	record Candidate(long teacherId, String name, long organisationId, String organisationName) {
	}

	private Mono<CreativeGroup> announce(long id, String type) {
		return group(id).flatMap((group) -> this.database.sql(PEOPLE)
			.bind("id", id)
			.map((row) -> row.get("user_id", Long.class))
			.all()
			.concatMap((user) -> this.changes.append(Topic.library(user), type, group))
			.then(Mono.just(group)));
	}

	public Mono<CreativeGroup> group(long id) {
		return this.database.sql(SELECT + " where g.id = :id")
			.bind("id", id)
			.map((row) -> group(row))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("creative_group", id)));
	}

	/** The groups and applications of the networks, newest first. */
	public Flux<CreativeGroup> groups(Long[] networks) {
		String where = (networks != null) ? " where g.network_id = any(:networks)" : "";
		var spec = this.database.sql(SELECT + where + " order by g.applied_at desc, g.id");
		return ((networks != null) ? spec.bind("networks", networks) : spec).map((row) -> group(row)).all();
	}

	private CreativeGroup group(Readable row) {
		Long[] ids = row.get("member_ids", Long[].class);
		String[] names = row.get("member_names", String[].class);
		Long[] organisations = row.get("member_organisations", Long[].class);
		List<CreativeGroup.Member> members = new ArrayList<>();
		for (int i = 0; i < ids.length; i++) {
			members.add(new CreativeGroup.Member(ids[i], names[i], organisations[i]));
		}
		Instant applied = row.get("applied_at", OffsetDateTime.class).toInstant();
		OffsetDateTime decided = row.get("decided_at", OffsetDateTime.class);
		Instant decidedAt = (decided != null) ? decided.toInstant() : null;
		return new CreativeGroup(row.get("id", Long.class), row.get("network_id", Long.class),
				row.get("name", String.class), row.get("problem", String.class),
				row.get("expected_result", String.class), row.get("term_from", LocalDate.class),
				row.get("term_to", LocalDate.class), row.get("leader_id", Long.class), members,
				row.get("state", String.class), row.get("decision_reason", String.class), applied,
				CreativeGroup.decisionDueAt(applied), CreativeGroup.overdue(applied, decidedAt, this.clock), decidedAt);
	}

	private record MemberFacts(long organisation, boolean member) {
	}

}
