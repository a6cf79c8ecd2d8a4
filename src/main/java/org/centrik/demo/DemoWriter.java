package org.centrik.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.centrik.demo.DemoPlan.AgreementRow;
import org.centrik.demo.DemoPlan.CheckIn;
import org.centrik.demo.DemoPlan.CorrectionRow;
import org.centrik.demo.DemoPlan.EventRow;
import org.centrik.demo.DemoPlan.GroupRow;
import org.centrik.demo.DemoPlan.LiveEventRow;
import org.centrik.demo.DemoPlan.OrganisationRow;
import org.centrik.demo.DemoPlan.ParticipationRow;
import org.centrik.demo.DemoPlan.PracticeRow;
import org.centrik.demo.DemoPlan.ProductRow;
import org.centrik.demo.DemoPlan.RegistrationRow;
import org.centrik.demo.DemoPlan.RequestRow;
import org.centrik.demo.DemoPlan.ReviewRow;
import org.centrik.demo.DemoPlan.TeacherRow;
import org.centrik.demo.DemoPlan.TransitionRow;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Writes a {@link DemoPlan} inside the caller's transaction. R2DBC does not batch, so
 * each table gets one statement that inserts all its rows from arrays ({@code unnest});
 * the ids are taken from the tables' own sequences first, so that rows can point at each
 * other before they are written.
 */
final class DemoWriter {

	private final DatabaseClient database;

	DemoWriter(DatabaseClient database) {
		this.database = database;
	}

	/** Writes every row of the plan into the network, whose id is already taken. */
	Mono<Void> write(DemoPlan plan, long network) {
		return allocate(plan).flatMap(
				(ids) -> Flux
					.concat(organisations(plan, ids), network(plan, ids, network), agreements(plan, ids, network),
							teachers(plan, ids), practices(plan, ids, network), requests(plan, ids, network),
							transitions(plan, ids), events(plan, ids, network), eventLinks(plan, ids),
							registrations(plan, ids), participations(plan, ids), corrections(plan, ids),
							groups(plan, ids, network), products(plan, ids, network), reviews(plan, ids))
					.then());
	}

	/** Writes the live open microphone and returns its id. */
	Mono<Long> write(LiveEventRow live, long network) {
		List<String> emails = new ArrayList<>(live.hostContactEmails());
		emails.addAll(live.presenterEmails());
		live.checkIns().forEach((checkIn) -> emails.add(checkIn.email()));
		return this.database
			.sql("select id, organisation_id, lower(email) as email from teachers where lower(email) = any(:emails)")
			.bind("emails", emails.stream().map(String::toLowerCase).distinct().toArray(String[]::new))
			.map((row) -> new Person(row.get("id", Long.class), row.get("organisation_id", Long.class),
					row.get("email", String.class)))
			.all()
			.collectMap(Person::email)
			.flatMap((people) -> this.database.sql("""
					insert into events (network_id, title, format, mode, starts_at, ends_at, place, link, description,
					                    state, created_at, updated_at)
					values (:network, :title, :format, :mode, :startsAt, :endsAt, :place, :link, :description,
					        'live', :createdAt, :startsAt)
					returning id
					""")
				.bind("network", network)
				.bind("title", live.title())
				.bind("format", live.format())
				.bind("mode", live.mode())
				.bind("startsAt", live.startsAt())
				.bind("endsAt", live.endsAt())
				.bind("place", live.place())
				.bind("link", live.link())
				.bind("description", live.description())
				.bind("createdAt", live.startsAt().minus(Duration.ofDays(7)))
				.map((row) -> row.get("id", Long.class))
				.one()
				.flatMap((event) -> liveEventPeople(live, event, people).thenReturn(event)));
	}

	private Mono<Void> liveEventPeople(LiveEventRow live, long event, Map<String, Person> people) {
		Long[] hosts = live.hostContactEmails()
			.stream()
			.map((email) -> people.get(email.toLowerCase()))
			.filter((person) -> person != null)
			.map(Person::organisation)
			.distinct()
			.toArray(Long[]::new);
		Long[] presenters = live.presenterEmails()
			.stream()
			.map((email) -> people.get(email.toLowerCase()))
			.filter((person) -> person != null)
			.map(Person::id)
			.toArray(Long[]::new);
		List<CheckIn> checkIns = live.checkIns()
			.stream()
			.filter((checkIn) -> people.containsKey(checkIn.email().toLowerCase()))
			.toList();
		return Flux
			.concat(this.database.sql("""
					insert into event_hosts (event_id, organisation_id)
					select :event, organisation_id from unnest(:organisations::bigint[]) as h(organisation_id)
					union
					-- a network loaded from an older catalogue may lack the hosts: its coordinator hosts then
					select e.id, n.coordinator_id from events e join networks n on n.id = e.network_id
					where e.id = :event and cardinality(:organisations::bigint[]) = 0
					""").bind("event", event).bind("organisations", hosts).then(), this.database.sql("""
					insert into event_presenters (event_id, teacher_id)
					select :event, teacher_id from unnest(:teachers::bigint[]) as p(teacher_id)
					""").bind("event", event).bind("teachers", presenters).then(), this.database
				.sql("""
						insert into participations (event_id, teacher_id, role, method, recorded_at, received_at, client_id,
						                            recorded_by)
						select :event, p.* from unnest(:teacher::bigint[], :role::text[], :method::text[],
						                               :recordedAt::timestamptz[], :receivedAt::timestamptz[], :clientId::uuid[],
						                               :recordedBy::text[]) as p
						""")
				.bind("event", event)
				.bind("teacher",
						column(checkIns, (checkIn) -> people.get(checkIn.email().toLowerCase()).id(), Long[]::new))
				.bind("role", column(checkIns, CheckIn::role, String[]::new))
				.bind("method", column(checkIns, CheckIn::method, String[]::new))
				.bind("recordedAt", column(checkIns, CheckIn::recordedAt, Instant[]::new))
				.bind("receivedAt", column(checkIns, CheckIn::receivedAt, Instant[]::new))
				.bind("clientId", column(checkIns, CheckIn::clientId, UUID[]::new))
				.bind("recordedBy", column(checkIns, CheckIn::recordedBy, String[]::new))
				.then())
			.then();
	}

	private Mono<Ids> allocate(DemoPlan plan) {
		return this.database.sql("""
				select array(select nextval(pg_get_serial_sequence('organisations', 'id'))
				             from generate_series(1, :organisations)) as organisations,
				       array(select nextval(pg_get_serial_sequence('teachers', 'id'))
				             from generate_series(1, :teachers)) as teachers,
				       array(select nextval(pg_get_serial_sequence('practices', 'id'))
				             from generate_series(1, :practices)) as practices,
				       array(select nextval(pg_get_serial_sequence('requests', 'id'))
				             from generate_series(1, :requests)) as requests,
				       array(select nextval(pg_get_serial_sequence('events', 'id'))
				             from generate_series(1, :events)) as events,
				       array(select nextval(pg_get_serial_sequence('participations', 'id'))
				             from generate_series(1, :participations)) as participations,
				       array(select nextval(pg_get_serial_sequence('creative_groups', 'id'))
				             from generate_series(1, :groups)) as groups,
				       array(select nextval(pg_get_serial_sequence('products', 'id'))
				             from generate_series(1, :products)) as products
				""")
			.bind("organisations", plan.organisations().size())
			.bind("teachers", plan.teachers().size())
			.bind("practices", plan.practices().size())
			.bind("requests", plan.requests().size())
			.bind("events", plan.events().size())
			.bind("participations", plan.participations().size())
			.bind("groups", plan.groups().size())
			.bind("products", plan.products().size())
			.map((row) -> new Ids(row.get("organisations", Long[].class), row.get("teachers", Long[].class),
					row.get("practices", Long[].class), row.get("requests", Long[].class),
					row.get("events", Long[].class), row.get("participations", Long[].class),
					row.get("groups", Long[].class), row.get("products", Long[].class)))
			.one();
	}

	private Mono<Void> organisations(DemoPlan plan, Ids ids) {
		List<OrganisationRow> rows = plan.organisations();
		return this.database.sql("""
				insert into organisations (id, name, short_name, kind, municipality, address, email, labels, created_at)
				overriding system value
				select id, name, short_name, kind, :municipality, address, email, string_to_array(labels, ','),
				       created_at
				from unnest(:id::bigint[], :name::text[], :shortName::text[], :kind::text[], :address::text[],
				            :email::text[], :labels::text[], :createdAt::timestamptz[])
				     as o(id, name, short_name, kind, address, email, labels, created_at)
				""")
			.bind("municipality", DemoCatalogue.MUNICIPALITY)
			.bind("id", ids.organisations())
			.bind("name", column(rows, OrganisationRow::name, String[]::new))
			.bind("shortName", column(rows, OrganisationRow::shortName, String[]::new))
			.bind("kind", column(rows, OrganisationRow::kind, String[]::new))
			.bind("address", column(rows, OrganisationRow::address, String[]::new))
			.bind("email", column(rows, OrganisationRow::email, String[]::new))
			.bind("labels", column(rows, (row) -> String.join(",", row.labels()), String[]::new))
			.bind("createdAt", column(rows, OrganisationRow::createdAt, Instant[]::new))
			.then();
	}

	private Mono<Void> network(DemoPlan plan, Ids ids, long network) {
		return this.database.sql("""
				insert into networks (id, name, level, coordinator_id, description, created_at)
				overriding system value
				values (:id, :name, 'district', :coordinator, :description, :createdAt)
				""")
			.bind("id", network)
			.bind("name", DemoCatalogue.NETWORK_NAME)
			.bind("coordinator", ids.organisations()[DemoCatalogue.COORDINATOR])
			.bind("description", DemoCatalogue.NETWORK_DESCRIPTION)
			.bind("createdAt", plan.organisations().get(DemoCatalogue.COORDINATOR).createdAt().plus(Duration.ofDays(1)))
			.then();
	}

	private Mono<Void> agreements(DemoPlan plan, Ids ids, long network) {
		List<AgreementRow> rows = plan.agreements();
		return this.database.sql("""
				insert into agreements (network_id, organisation_id, number, signed_on, valid_from, valid_to, purpose,
				                        created_at)
				select :network, organisation_id, number, signed_on, valid_from, valid_to, purpose,
				       (signed_on + time '12:00') at time zone 'Europe/Moscow'
				from unnest(:organisation::bigint[], :number::text[], :signedOn::date[], :validFrom::date[],
				            :validTo::date[], :purpose::text[])
				     as a(organisation_id, number, signed_on, valid_from, valid_to, purpose)
				""")
			.bind("network", network)
			.bind("organisation", column(rows, (row) -> ids.organisations()[row.organisation()], Long[]::new))
			.bind("number", column(rows, AgreementRow::number, String[]::new))
			.bind("signedOn", column(rows, AgreementRow::signedOn, LocalDate[]::new))
			.bind("validFrom", column(rows, AgreementRow::validFrom, LocalDate[]::new))
			.bind("validTo", column(rows, AgreementRow::validTo, LocalDate[]::new))
			.bind("purpose", column(rows, AgreementRow::purpose, String[]::new))
			.then();
	}

	private Mono<Void> teachers(DemoPlan plan, Ids ids) {
		List<TeacherRow> rows = plan.teachers();
		return this.database.sql("""
				insert into teachers (id, organisation_id, last_name, first_name, middle_name, email, position, subject,
				                      created_at)
				overriding system value
				select * from unnest(:id::bigint[], :organisation::bigint[], :lastName::text[], :firstName::text[],
				                     :middleName::text[], :email::text[], :position::text[], :subject::text[],
				                     :createdAt::timestamptz[])
				""")
			.bind("id", ids.teachers())
			.bind("organisation", column(rows, (row) -> ids.organisations()[row.organisation()], Long[]::new))
			.bind("lastName", column(rows, (row) -> row.person().lastName(), String[]::new))
			.bind("firstName", column(rows, (row) -> row.person().firstName(), String[]::new))
			.bind("middleName", column(rows, (row) -> row.person().middleName(), String[]::new))
			.bind("email", column(rows, TeacherRow::email, String[]::new))
			.bind("position", column(rows, TeacherRow::position, String[]::new))
			.bind("subject", column(rows, TeacherRow::subject, String[]::new))
			.bind("createdAt", column(rows, TeacherRow::createdAt, Instant[]::new))
			.then();
	}

	private Mono<Void> practices(DemoPlan plan, Ids ids, long network) {
		List<PracticeRow> rows = plan.practices();
		return this.database.sql("""
				insert into practices (id, network_id, organisation_id, title, direction, levels, description, formats,
				                       materials_url, declared_on)
				overriding system value
				select id, :network, organisation_id, title, direction, string_to_array(levels, ','), description,
				       string_to_array(formats, ','), materials_url, declared_on
				from unnest(:id::bigint[], :organisation::bigint[], :title::text[], :direction::text[], :levels::text[],
				            :description::text[], :formats::text[], :materialsUrl::text[], :declaredOn::date[])
				     as p(id, organisation_id, title, direction, levels, description, formats, materials_url,
				          declared_on)
				""")
			.bind("network", network)
			.bind("id", ids.practices())
			.bind("organisation", column(rows, (row) -> ids.organisations()[row.organisation()], Long[]::new))
			.bind("title", column(rows, PracticeRow::title, String[]::new))
			.bind("direction", column(rows, PracticeRow::direction, String[]::new))
			.bind("levels", column(rows, (row) -> String.join(",", row.levels()), String[]::new))
			.bind("description", column(rows, PracticeRow::description, String[]::new))
			.bind("formats", column(rows, (row) -> String.join(",", row.formats()), String[]::new))
			.bind("materialsUrl", column(rows, PracticeRow::materialsUrl, String[]::new))
			.bind("declaredOn", column(rows, PracticeRow::declaredOn, LocalDate[]::new))
			.then();
	}

	private Mono<Void> requests(DemoPlan plan, Ids ids, long network) {
		List<RequestRow> rows = plan.requests();
		return this.database.sql("""
				insert into requests (id, network_id, school_year, practice_id, applicant_id, desired_format,
				                      period_from, period_to, teachers_count, comment, state, decline_reason,
				                      submitted_at, updated_at)
				overriding system value
				select id, :network, r.school_year, practice_id, applicant_id, desired_format, period_from, period_to,
				       teachers_count, comment, state, decline_reason, submitted_at, updated_at
				from unnest(:id::bigint[], :schoolYear::int[], :practice::bigint[], :applicant::bigint[],
				            :desiredFormat::text[], :periodFrom::date[], :periodTo::date[], :teachersCount::int[],
				            :comment::text[], :state::text[], :declineReason::text[], :submittedAt::timestamptz[],
				            :updatedAt::timestamptz[])
				     as r(id, school_year, practice_id, applicant_id, desired_format, period_from, period_to,
				          teachers_count, comment, state, decline_reason, submitted_at, updated_at)
				""")
			.bind("network", network)
			.bind("id", ids.requests())
			.bind("schoolYear", column(rows, RequestRow::schoolYear, Integer[]::new))
			.bind("practice", column(rows, (row) -> ids.practices()[row.practice()], Long[]::new))
			.bind("applicant", column(rows, (row) -> ids.organisations()[row.applicant()], Long[]::new))
			.bind("desiredFormat", column(rows, RequestRow::desiredFormat, String[]::new))
			.bind("periodFrom", column(rows, RequestRow::periodFrom, LocalDate[]::new))
			.bind("periodTo", column(rows, RequestRow::periodTo, LocalDate[]::new))
			.bind("teachersCount", column(rows, RequestRow::teachersCount, Integer[]::new))
			.bind("comment", column(rows, RequestRow::comment, String[]::new))
			.bind("state", column(rows, RequestRow::state, String[]::new))
			.bind("declineReason", column(rows, RequestRow::declineReason, String[]::new))
			.bind("submittedAt", column(rows, RequestRow::submittedAt, Instant[]::new))
			.bind("updatedAt", column(rows, RequestRow::updatedAt, Instant[]::new))
			.then();
	}

	private Mono<Void> transitions(DemoPlan plan, Ids ids) {
		List<Long> request = new ArrayList<>();
		List<TransitionRow> rows = new ArrayList<>();
		for (int r = 0; r < plan.requests().size(); r++) {
			for (TransitionRow transition : plan.requests().get(r).transitions()) {
				request.add(ids.requests()[r]);
				rows.add(transition);
			}
		}
		return this.database.sql("""
				insert into request_transitions (request_id, from_state, to_state, actor, reason, at)
				select * from unnest(:request::bigint[], :from::text[], :to::text[], :actor::text[], :reason::text[],
				                     :at::timestamptz[])
				""")
			.bind("request", request.toArray(Long[]::new))
			.bind("from", column(rows, TransitionRow::from, String[]::new))
			.bind("to", column(rows, TransitionRow::to, String[]::new))
			.bind("actor", column(rows, TransitionRow::actor, String[]::new))
			.bind("reason", column(rows, TransitionRow::reason, String[]::new))
			.bind("at", column(rows, TransitionRow::at, Instant[]::new))
			.then();
	}

	private Mono<Void> events(DemoPlan plan, Ids ids, long network) {
		List<EventRow> rows = plan.events();
		return this.database.sql("""
				insert into events (id, network_id, title, format, mode, starts_at, ends_at, place, link, capacity,
				                    description, state, cancel_reason, created_at, updated_at)
				overriding system value
				select id, :network, title, format, mode, starts_at, ends_at, place, link, capacity, description, state,
				       cancel_reason, created_at, updated_at
				from unnest(:id::bigint[], :title::text[], :format::text[], :mode::text[], :startsAt::timestamptz[],
				            :endsAt::timestamptz[], :place::text[], :link::text[], :capacity::int[],
				            :description::text[], :state::text[], :cancelReason::text[], :createdAt::timestamptz[],
				            :updatedAt::timestamptz[])
				     as e(id, title, format, mode, starts_at, ends_at, place, link, capacity, description, state,
				          cancel_reason, created_at, updated_at)
				""")
			.bind("network", network)
			.bind("id", ids.events())
			.bind("title", column(rows, EventRow::title, String[]::new))
			.bind("format", column(rows, EventRow::format, String[]::new))
			.bind("mode", column(rows, EventRow::mode, String[]::new))
			.bind("startsAt", column(rows, EventRow::startsAt, Instant[]::new))
			.bind("endsAt", column(rows, EventRow::endsAt, Instant[]::new))
			.bind("place", column(rows, EventRow::place, String[]::new))
			.bind("link", column(rows, EventRow::link, String[]::new))
			.bind("capacity", column(rows, EventRow::capacity, Integer[]::new))
			.bind("description", column(rows, EventRow::description, String[]::new))
			.bind("state", column(rows, EventRow::state, String[]::new))
			.bind("cancelReason", column(rows, EventRow::cancelReason, String[]::new))
			.bind("createdAt", column(rows, EventRow::createdAt, Instant[]::new))
			.bind("updatedAt", column(rows, EventRow::updatedAt, Instant[]::new))
			.then();
	}

	private Mono<Void> eventLinks(DemoPlan plan, Ids ids) {
		return Flux
			.concat(pairs("event_hosts", "organisation_id", plan, EventRow::hosts, ids.events(), ids.organisations()),
					pairs("event_presenters", "teacher_id", plan, EventRow::presenters, ids.events(), ids.teachers()),
					pairs("event_requests", "request_id", plan, EventRow::requests, ids.events(), ids.requests()))
			.then();
	}

	/** Writes a link table of events: every event with each of its {@code targets}. */
	private Mono<Void> pairs(String table, String column, DemoPlan plan, Function<EventRow, List<Integer>> targets,
			Long[] events, Long[] targetIds) {
		List<Long> left = new ArrayList<>();
		List<Long> right = new ArrayList<>();
		for (int e = 0; e < plan.events().size(); e++) {
			for (int target : targets.apply(plan.events().get(e))) {
				left.add(events[e]);
				right.add(targetIds[target]);
			}
		}
		return this.database
			.sql("insert into " + table + " (event_id, " + column + ") select * from unnest(:left::bigint[], "
					+ ":right::bigint[])")
			.bind("left", left.toArray(Long[]::new))
			.bind("right", right.toArray(Long[]::new))
			.then();
	}

	private Mono<Void> registrations(DemoPlan plan, Ids ids) {
		List<RegistrationRow> rows = plan.registrations();
		return this.database.sql("""
				insert into event_registrations (event_id, teacher_id, registered_at)
				select * from unnest(:event::bigint[], :teacher::bigint[], :registeredAt::timestamptz[])
				""")
			.bind("event", column(rows, (row) -> ids.events()[row.event()], Long[]::new))
			.bind("teacher", column(rows, (row) -> ids.teachers()[row.teacher()], Long[]::new))
			.bind("registeredAt", column(rows, RegistrationRow::registeredAt, Instant[]::new))
			.then();
	}

	private Mono<Void> participations(DemoPlan plan, Ids ids) {
		List<ParticipationRow> rows = plan.participations();
		return this.database
			.sql("""
					insert into participations (id, event_id, teacher_id, role, method, status, recorded_at, received_at,
					                            client_id, recorded_by)
					overriding system value
					select * from unnest(:id::bigint[], :event::bigint[], :teacher::bigint[], :role::text[], :method::text[],
					                     :status::text[], :recordedAt::timestamptz[], :receivedAt::timestamptz[],
					                     :clientId::uuid[], :recordedBy::text[])
					""")
			.bind("id", ids.participations())
			.bind("event", column(rows, (row) -> ids.events()[row.event()], Long[]::new))
			.bind("teacher", column(rows, (row) -> ids.teachers()[row.teacher()], Long[]::new))
			.bind("role", column(rows, ParticipationRow::role, String[]::new))
			.bind("method", column(rows, ParticipationRow::method, String[]::new))
			.bind("status", column(rows, ParticipationRow::status, String[]::new))
			.bind("recordedAt", column(rows, ParticipationRow::recordedAt, Instant[]::new))
			.bind("receivedAt", column(rows, ParticipationRow::receivedAt, Instant[]::new))
			.bind("clientId", column(rows, ParticipationRow::clientId, UUID[]::new))
			.bind("recordedBy", column(rows, ParticipationRow::recordedBy, String[]::new))
			.then();
	}

	private Mono<Void> corrections(DemoPlan plan, Ids ids) {
		List<CorrectionRow> rows = plan.corrections();
		return this.database.sql("""
				insert into participation_corrections (participation_id, from_role, to_role, from_status, to_status,
				                                       reason, corrected_by, corrected_at)
				select * from unnest(:participation::bigint[], :fromRole::text[], :toRole::text[], :fromStatus::text[],
				                     :toStatus::text[], :reason::text[], :correctedBy::text[],
				                     :correctedAt::timestamptz[])
				""")
			.bind("participation", column(rows, (row) -> ids.participations()[row.participation()], Long[]::new))
			.bind("fromRole", column(rows, CorrectionRow::fromRole, String[]::new))
			.bind("toRole", column(rows, CorrectionRow::toRole, String[]::new))
			.bind("fromStatus", column(rows, CorrectionRow::fromStatus, String[]::new))
			.bind("toStatus", column(rows, CorrectionRow::toStatus, String[]::new))
			.bind("reason", column(rows, CorrectionRow::reason, String[]::new))
			.bind("correctedBy", column(rows, CorrectionRow::correctedBy, String[]::new))
			.bind("correctedAt", column(rows, CorrectionRow::correctedAt, Instant[]::new))
			.then();
	}

	private Mono<Void> groups(DemoPlan plan, Ids ids, long network) {
		List<GroupRow> rows = plan.groups();
		List<Long> group = new ArrayList<>();
		List<Long> member = new ArrayList<>();
		for (int g = 0; g < rows.size(); g++) {
			for (int teacher : rows.get(g).members()) {
				group.add(ids.groups()[g]);
				member.add(ids.teachers()[teacher]);
			}
		}
		GenericExecuteSpec groups = this.database.sql("""
				insert into creative_groups (id, network_id, name, problem, expected_result, term_from, term_to,
				                             leader_id, state, decision_reason, applied_at, decided_at)
				overriding system value
				select id, :network, name, problem, expected_result, term_from, term_to, leader_id, state,
				       decision_reason, applied_at, decided_at
				from unnest(:id::bigint[], :name::text[], :problem::text[], :expectedResult::text[], :termFrom::date[],
				            :termTo::date[], :leader::bigint[], :state::text[], :decisionReason::text[],
				            :appliedAt::timestamptz[], :decidedAt::timestamptz[])
				     as g(id, name, problem, expected_result, term_from, term_to, leader_id, state, decision_reason,
				          applied_at, decided_at)
				""")
			.bind("network", network)
			.bind("id", ids.groups())
			.bind("name", column(rows, GroupRow::name, String[]::new))
			.bind("problem", column(rows, GroupRow::problem, String[]::new))
			.bind("expectedResult", column(rows, GroupRow::expectedResult, String[]::new))
			.bind("termFrom", column(rows, GroupRow::termFrom, LocalDate[]::new))
			.bind("termTo", column(rows, GroupRow::termTo, LocalDate[]::new))
			.bind("leader", column(rows, (row) -> ids.teachers()[row.leader()], Long[]::new))
			.bind("state", column(rows, GroupRow::state, String[]::new))
			.bind("decisionReason", column(rows, GroupRow::decisionReason, String[]::new))
			.bind("appliedAt", column(rows, GroupRow::appliedAt, Instant[]::new))
			.bind("decidedAt", column(rows, GroupRow::decidedAt, Instant[]::new));
		GenericExecuteSpec members = this.database.sql("""
				insert into creative_group_members (group_id, teacher_id)
				select * from unnest(:group::bigint[], :teacher::bigint[])
				""").bind("group", group.toArray(Long[]::new)).bind("teacher", member.toArray(Long[]::new));
		return groups.then().then(members.then());
	}

	private Mono<Void> products(DemoPlan plan, Ids ids, long network) {
		List<ProductRow> rows = plan.products();
		List<Long> product = new ArrayList<>();
		List<Long> author = new ArrayList<>();
		for (int p = 0; p < rows.size(); p++) {
			for (int teacher : rows.get(p).authors()) {
				product.add(ids.products()[p]);
				author.add(ids.teachers()[teacher]);
			}
		}
		GenericExecuteSpec products = this.database.sql("""
				insert into products (id, network_id, title, type, levels, subject, description, link, organisation_id,
				                      creative_group_id, state, submitted_at)
				overriding system value
				select id, :network, title, type, string_to_array(levels, ','), subject, description, link,
				       organisation_id, creative_group_id, state, submitted_at
				from unnest(:id::bigint[], :title::text[], :type::text[], :levels::text[], :subject::text[],
				            :description::text[], :link::text[], :organisation::bigint[], :group::bigint[],
				            :state::text[], :submittedAt::timestamptz[])
				     as p(id, title, type, levels, subject, description, link, organisation_id, creative_group_id,
				          state, submitted_at)
				""")
			.bind("network", network)
			.bind("id", ids.products())
			.bind("title", column(rows, ProductRow::title, String[]::new))
			.bind("type", column(rows, ProductRow::type, String[]::new))
			.bind("levels", column(rows, (row) -> String.join(",", row.levels()), String[]::new))
			.bind("subject", column(rows, ProductRow::subject, String[]::new))
			.bind("description", column(rows, ProductRow::description, String[]::new))
			.bind("link", column(rows, ProductRow::link, String[]::new))
			.bind("organisation", column(rows, (row) -> ids.organisations()[row.organisation()], Long[]::new))
			.bind("group", column(rows, (row) -> (row.group() != null) ? ids.groups()[row.group()] : null, Long[]::new))
			.bind("state", column(rows, ProductRow::state, String[]::new))
			.bind("submittedAt", column(rows, ProductRow::submittedAt, Instant[]::new));
		GenericExecuteSpec authors = this.database.sql("""
				insert into product_authors (product_id, teacher_id)
				select * from unnest(:product::bigint[], :teacher::bigint[])
				""").bind("product", product.toArray(Long[]::new)).bind("teacher", author.toArray(Long[]::new));
		return products.then().then(authors.then());
	}

	private Mono<Void> reviews(DemoPlan plan, Ids ids) {
		List<ReviewRow> rows = plan.reviews();
		return this.database.sql("""
				insert into reviews (product_id, expert_id, assigned_at, conclusion, comments, decided_at)
				select * from unnest(:product::bigint[], :expert::bigint[], :assignedAt::timestamptz[],
				                     :conclusion::text[], :comments::text[], :decidedAt::timestamptz[])
				""")
			.bind("product", column(rows, (row) -> ids.products()[row.product()], Long[]::new))
			.bind("expert", column(rows, (row) -> ids.teachers()[row.expert()], Long[]::new))
			.bind("assignedAt", column(rows, ReviewRow::assignedAt, Instant[]::new))
			.bind("conclusion", column(rows, ReviewRow::conclusion, String[]::new))
			.bind("comments", column(rows, ReviewRow::comments, String[]::new))
			.bind("decidedAt", column(rows, ReviewRow::decidedAt, Instant[]::new))
			.then();
	}

	private static <R, T> T[] column(List<R> rows, Function<R, T> value, IntFunction<T[]> array) {
		T[] column = array.apply(rows.size());
		for (int i = 0; i < column.length; i++) {
			column[i] = value.apply(rows.get(i));
		}
		return column;
	}

	/**
	 * The ids taken for the rows of each table that other rows point at, in plan order.
	 */
	private record Ids(Long[] organisations, Long[] teachers, Long[] practices, Long[] requests, Long[] events,
			Long[] participations, Long[] groups, Long[] products) {

	}

	private record Person(long id, long organisation, String email) {

	}

}
