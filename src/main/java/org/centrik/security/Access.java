package org.centrik.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.centrik.shared.ForbiddenException;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * The authorization table of {@code docs/security.md}, one method per rule, for HTTP and
 * RSocket alike: a route or an endpoint asks before it reads or writes, and a refusal is
 * a {@link ForbiddenException} ({@code 403}, or the {@code forbidden} error frame). The
 * facts a rule needs (an agreement in force, the hosts of an event, a teacher's
 * organisation) are read from the database at the moment of asking.
 */
@Service
public class Access {

	private static final String IN_FORCE = "valid_from <= current_date and (valid_to is null or valid_to >= current_date)";

	private final DatabaseClient database;

	private final SessionWatch sessions;

	private final Clock clock;

	Access(DatabaseClient database, SessionWatch sessions, ObjectProvider<Clock> clock) {
		this.database = database;
		this.sessions = sessions;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/**
	 * Ends a long stream when the caller's right to it ends: fails with
	 * {@code token_expired} when their bearer token expires (a client renews by
	 * subscribing again, with {@code since}, under a fresh token) and with
	 * {@code token_revoked} within a minute of a logout; never completes otherwise.
	 */
	public Mono<Void> untilInvalid(Caller caller) {
		// as long as the token verifies: its expiry plus the allowance for clock skew
		Duration left = (caller.expiresAt() == null) ? null
				: Duration.between(this.clock.instant(), caller.expiresAt().plus(Tokens.CLOCK_SKEW));
		Mono<Void> expiry = (left == null) ? Mono.never()
				: Mono.delay(left.isNegative() ? Duration.ZERO : left)
					.then(Mono.error(() -> new TokenAuthenticationException("token_expired",
							"The access token has expired: subscribe again with a fresh one and 'since'.")));
		Mono<Void> revocation = (caller.family() == null) ? Mono.never()
				: this.sessions.ended(caller.family())
					.then(Mono.error(() -> new TokenAuthenticationException("token_revoked",
							"Logged out: the session of this stream is over.")));
		return Mono.firstWithSignal(expiry, revocation);
	}

	/**
	 * The networks the caller is a member of: those they coordinate or review for, and
	 * those their organisations (their own as a teacher, those they administer) have an
	 * agreement in force with.
	 */
	public Mono<Reach> reach(Caller caller) {
		if (caller.coordinatesAll()) {
			return Mono.just(new Reach(true, Set.of()));
		}
		Set<NetworkId> named = caller.namedNetworks();
		Set<OrganisationId> organisations = caller.memberOrganisations();
		if (organisations.isEmpty()) {
			return Mono.just(new Reach(false, named));
		}
		return this.database
			.sql("select distinct network_id from agreements where organisation_id = any(:organisations) and "
					+ IN_FORCE)
			.bind("organisations", ids(organisations))
			.map((row) -> new NetworkId(row.get("network_id", Long.class)))
			.all()
			.collect(() -> new HashSet<>(named), Set::add)
			.map((networks) -> new Reach(false, networks));
	}

	/** A member of the network: the matrix, the bank, the schedule, the library. */
	public Mono<Void> member(Caller caller, NetworkId network) {
		return reach(caller).flatMap((reach) -> reach.includes(network) ? Mono.empty()
				: Mono.error(forbidden("Only members of network " + network.value() + " may see this.")));
	}

	/** A coordinator of the network, or of every network. */
	public Mono<Void> coordinator(Caller caller, NetworkId network) {
		return caller.coordinates(network) ? Mono.empty()
				: Mono.error(forbidden("Only a coordinator of network " + network.value() + " may do this."));
	}

	/** Adding an organisation to the registry: a coordinator of any network. */
	public Mono<Void> addOrganisation(Caller caller) {
		return caller.holds(Role.COORDINATOR) ? Mono.empty()
				: Mono.error(forbidden("Only a coordinator adds organisations to the registry."));
	}

	/**
	 * Editing an organisation's card: its admin (names and contacts), or a coordinator of
	 * a network it has an agreement with, current or lapsed (everything, labels and the
	 * responsible admin too).
	 * @return whether the caller edits as a coordinator
	 */
	public Mono<Boolean> editOrganisation(Caller caller, OrganisationId organisation) {
		if (caller.coordinatesAll()) {
			return Mono.just(true);
		}
		return this.database.sql("select distinct network_id from agreements where organisation_id = :organisation")
			.bind("organisation", organisation.value())
			.map((row) -> new NetworkId(row.get("network_id", Long.class)))
			.all()
			.any(caller::coordinates)
			.flatMap((coordinator) -> {
				if (coordinator) {
					return Mono.just(true);
				}
				return caller.administers(organisation) ? Mono.just(false)
						: Mono.error(forbidden("Only the admin of organisation " + organisation.value()
								+ " or its network's coordinator edits its card."));
			});
	}

	/**
	 * Declaring or editing a practice of an organisation in a network's bank: the
	 * network's coordinator, or the organisation's admin while its agreement is in force.
	 */
	public Mono<Void> declarePractice(Caller caller, NetworkId network, OrganisationId organisation) {
		if (caller.coordinates(network)) {
			return Mono.empty();
		}
		if (!caller.administers(organisation)) {
			return Mono.error(forbidden("Only the admin of organisation " + organisation.value()
					+ " or the network's coordinator declares its practices."));
		}
		return memberNetworks(organisation).flatMap(
				(networks) -> networks.contains(network) ? Mono.<Void>empty() : Mono.error(forbidden("Organisation "
						+ organisation.value() + " has no agreement in force with network " + network.value() + ".")));
	}

	/**
	 * Acting for one party of a request (the applicant filing or withdrawing, the
	 * executor answering): that organisation's admin, or the network's coordinator. Only
	 * the two parties and the coordinator change a request.
	 */
	public Mono<Void> requestParty(Caller caller, NetworkId network, OrganisationId party) {
		return (caller.coordinates(network) || caller.administers(party)) ? Mono.empty()
				: Mono.error(forbidden("Only the admin of organisation " + party.value()
						+ " or the network's coordinator may do this with the request."));
	}

	/**
	 * An event of one of the caller's networks; a draft only to its hosts, the admins of
	 * its host organisations and the coordinator.
	 */
	public Mono<Void> event(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap((event) -> {
			if (event.runBy(caller)) {
				return Mono.empty();
			}
			if (event.draft()) {
				return Mono.error(forbidden("Event " + eventId + " is a draft: only its hosts see it."));
			}
			return member(caller, event.network());
		});
	}

	/**
	 * Running an event: its host people, the admins of its host organisations and the
	 * coordinator. The live attendance of an event names people of every school, so it is
	 * theirs only.
	 */
	public Mono<Void> eventRoster(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap((event) -> event.runBy(caller) ? Mono.empty()
				: Mono.error(forbidden("Only the hosts of event " + eventId + " may see who is there.")));
	}

	/**
	 * Hosting an event's attendance (showing the check-in code, marking, correcting,
	 * importing, closing): its host people and a coordinator of its network; the admins
	 * of its host organisations only read it ({@link #eventRoster}).
	 */
	public Mono<Void> eventHost(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap((event) -> (event.hosted() || caller.coordinates(event.network()))
				? Mono.empty() : Mono.error(forbidden("Only the hosts of event " + eventId + " and the coordinator "
						+ "may show its check-in code, mark, correct, import or close attendance.")));
	}

	/**
	 * Checking oneself in: only a teacher, only themself, only into a published or live
	 * event of a network their organisation is a member of (refused {@code not_member}).
	 * @return the teacher the caller is
	 */
	public Mono<TeacherId> selfCheckIn(Caller caller, long eventId) {
		if (caller.teacher() == null || caller.organisation() == null || !caller.holds(Role.TEACHER)) {
			return Mono.error(forbidden("Only a teacher checks in, and only themself."));
		}
		// one statement: this runs on every check-in
		return this.database.sql("""
				select e.network_id, e.state = 'draft' as draft,
				       exists (select 1 from agreements a
				               where a.organisation_id = :organisation and a.network_id = e.network_id
				                 and a.valid_from <= current_date
				                 and (a.valid_to is null or a.valid_to >= current_date)) as member
				from events e where e.id = :event
				""")
			.bind("event", eventId)
			.bind("organisation", caller.organisation().value())
			.map((row) -> new SelfCheckInFacts(new NetworkId(row.get("network_id", Long.class)),
					Boolean.TRUE.equals(row.get("draft", Boolean.class)),
					Boolean.TRUE.equals(row.get("member", Boolean.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", eventId)))
			.flatMap((event) -> {
				if (event.draft()) {
					return Mono.error(forbidden("Event " + eventId + " is a draft."));
				}
				return event.member() ? Mono.just(caller.teacher())
						: Mono
							.error(new ForbiddenException("not_member", "Your organisation is not a member of network "
									+ event.network().value() + " (no agreement in force)."));
			});
	}

	/**
	 * Creating an event (issue 7): a coordinator of its network, or the admin of one of
	 * its host organisations whose organisation is a member of the network. A host person
	 * of another event may edit that event but not create one.
	 */
	public Mono<Void> createEvent(Caller caller, NetworkId network, Set<OrganisationId> hosts) {
		if (caller.coordinates(network)) {
			return Mono.empty();
		}
		if (hosts.stream().anyMatch(caller::administers)) {
			return member(caller, network);
		}
		return Mono.error(forbidden("Only the admin of a host organisation or a coordinator of network "
				+ network.value() + " may create its events."));
	}

	/**
	 * Running an event (issue 7): editing, publishing, cancelling, finishing it. Its host
	 * people, the admins of its host organisations and the coordinator.
	 */
	public Mono<Void> runEvent(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap((event) -> event.runBy(caller) ? Mono.empty()
				: Mono.error(forbidden("Only the hosts of event " + eventId + " and the coordinator may change it.")));
	}

	/**
	 * Changing an event's host organisations (issue 7): as creating it, for the new
	 * hosts, and never by a host person alone.
	 */
	public Mono<Void> rehostEvent(Caller caller, long eventId, Set<OrganisationId> hosts) {
		return facts(caller, eventId).flatMap(
				(event) -> (caller.coordinates(event.network()) || event.hosts().stream().anyMatch(caller::administers))
						? createEvent(caller, event.network(), hosts)
						: Mono.error(forbidden("Only the admin of a host organisation or the coordinator may change "
								+ "who hosts event " + eventId + ".")));
	}

	/**
	 * Appointing the host people of an event (issue 7): the admins of its host
	 * organisations and the coordinator; not the host people themselves.
	 */
	public Mono<Void> appointHosts(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap(
				(event) -> (caller.coordinates(event.network()) || event.hosts().stream().anyMatch(caller::administers))
						? Mono.empty() : Mono.error(forbidden("Only the admin of a host organisation of event "
								+ eventId + " or the coordinator may appoint its hosts.")));
	}

	/**
	 * Registering a teacher for an event, or taking the registration back (issue 7): the
	 * teacher themself, the admin of the teacher's organisation, the coordinator; the
	 * event must be one the caller sees (a member of its network, never a draft).
	 */
	public Mono<Void> register(Caller caller, long eventId, TeacherId teacher) {
		return facts(caller, eventId).flatMap((event) -> {
			if (caller.coordinates(event.network())) {
				return Mono.empty();
			}
			Mono<Void> visible = event.draft()
					? Mono.error(forbidden("Event " + eventId + " is a draft: nobody registers for it yet."))
					: member(caller, event.network());
			if (caller.is(teacher) && caller.holds(Role.TEACHER)) {
				return visible;
			}
			return organisationOf(teacher)
				.flatMap((organisation) -> caller.administers(organisation) ? visible : Mono.error(forbidden(
						"A teacher registers themself; an admin registers the teachers of their " + "organisation.")));
		});
	}

	/**
	 * The schedule of an organisation, as a calendar feed (issue 7): its admin, its
	 * teachers, a coordinator of a network it is a member of.
	 */
	public Mono<Void> organisationSchedule(Caller caller, OrganisationId organisation) {
		if (caller.administers(organisation) || caller.coordinatesAll()
				|| (organisation.equals(caller.organisation()) && caller.holds(Role.TEACHER))) {
			return Mono.empty();
		}
		return memberNetworks(organisation).flatMap((networks) -> networks.stream().anyMatch(caller::coordinates)
				? Mono.<Void>empty() : Mono.error(forbidden("The schedule of organisation " + organisation.value()
						+ " is for its admin, its teachers and its coordinators.")));
	}

	/**
	 * Submitting a methodical product (issue 10): a coordinator of the network; the admin
	 * of the submitting organisation, or a teacher of it who is among the authors, while
	 * the organisation is a member of the network.
	 */
	public Mono<Void> submitProduct(Caller caller, NetworkId network, OrganisationId organisation,
			Set<TeacherId> authors) {
		if (caller.coordinates(network)) {
			return Mono.empty();
		}
		boolean author = caller.holds(Role.TEACHER) && caller.teacher() != null && authors.contains(caller.teacher())
				&& organisation.equals(caller.organisation());
		if (!author && !caller.administers(organisation)) {
			return Mono.error(forbidden("A product is submitted by one of its authors, the admin of their "
					+ "organisation or the network's coordinator."));
		}
		return memberNetworks(organisation).flatMap((networks) -> networks.contains(network) ? Mono.<Void>empty()
				: Mono.error(new ForbiddenException("not_member", "Organisation " + organisation.value()
						+ " has no agreement in force with network " + network.value() + ".")));
	}

	/**
	 * Submitting a creative group's product (issue 10): a coordinator of the network, or
	 * a teacher among its authors (who must all be members of the created group).
	 */
	public Mono<Void> submitGroupProduct(Caller caller, NetworkId network, Set<TeacherId> authors) {
		boolean author = caller.holds(Role.TEACHER) && caller.teacher() != null && authors.contains(caller.teacher());
		return (caller.coordinates(network) || author) ? Mono.empty()
				: Mono.error(forbidden("A creative group's product is submitted by one of its authors, members of "
						+ "the group, or the network's coordinator."));
	}

	/**
	 * Submitting the next version of a product returned for revision (issue 10): one of
	 * its authors, the admin of its organisation, the network's coordinator.
	 */
	public Mono<Void> reviseProduct(Caller caller, NetworkId network, OrganisationId organisation,
			Set<TeacherId> authors) {
		return (caller.coordinates(network) || (organisation != null && caller.administers(organisation))
				|| authors.stream().anyMatch(caller::is)) ? Mono.empty()
						: Mono.error(forbidden("A revised version is submitted by one of the product's authors, "
								+ "the admin of their organisation or the network's coordinator."));
	}

	/** A user's own library desk (issue 10): that user only. */
	public Mono<Void> libraryDesk(Caller caller, UserId user) {
		return caller.user().equals(user) ? Mono.empty() : Mono.error(forbidden("A library desk is its user's own."));
	}

	/**
	 * A methodical product (issue 10): in the cabinet, to every member of its network;
	 * before, and after, to its authors, the admin of its organisation, its assigned
	 * experts and the coordinator.
	 * @param reviewers the user accounts of the experts ever assigned to it
	 */
	public Mono<Void> product(Caller caller, NetworkId network, OrganisationId organisation, Set<TeacherId> authors,
			Set<UserId> reviewers, boolean inCabinet) {
		if (productPeople(caller, network, organisation, authors, reviewers)) {
			return Mono.empty();
		}
		return inCabinet ? member(caller, network) : Mono.error(forbidden("Until it is in the cabinet, a product "
				+ "is its authors', their admin's, its experts' and the coordinator's only."));
	}

	/**
	 * Whether the caller is one of a product's people: its authors, the admin of its
	 * organisation, its assigned experts, the coordinator; they see its reviews.
	 */
	public boolean productPeople(Caller caller, NetworkId network, OrganisationId organisation, Set<TeacherId> authors,
			Set<UserId> reviewers) {
		return caller.coordinates(network) || (organisation != null && caller.administers(organisation))
				|| authors.stream().anyMatch(caller::is) || reviewers.contains(caller.user());
	}

	/**
	 * Concluding a review (issue 10): the expert assigned to it, while an expert of the
	 * product's network; nobody else, not even the coordinator.
	 */
	public Mono<Void> conclude(Caller caller, UserId reviewer, NetworkId network) {
		return (caller.user().equals(reviewer) && caller.reviewsFor(network)) ? Mono.empty()
				: Mono.error(forbidden("Only the expert assigned to this review concludes it."));
	}

	/**
	 * Applying for an inter-school creative group (issue 10): a teacher, as its leader,
	 * whose organisation is a member of the network.
	 * @return the teacher who leads it
	 */
	public Mono<TeacherId> applyForCreativeGroup(Caller caller, NetworkId network) {
		if (caller.teacher() == null || caller.organisation() == null || !caller.holds(Role.TEACHER)) {
			return Mono.error(forbidden("A teacher applies for a creative group, as its leader."));
		}
		return memberNetworks(caller.organisation())
			.flatMap((networks) -> networks.contains(network) ? Mono.just(caller.teacher())
					: Mono.error(new ForbiddenException("not_member", "Your organisation is not a member of network "
							+ network.value() + " (no agreement in force).")));
	}

	private Mono<OrganisationId> organisationOf(TeacherId teacher) {
		return this.database.sql("select organisation_id from teachers where id = :teacher")
			.bind("teacher", teacher.value())
			.map((row) -> new OrganisationId(row.get("organisation_id", Long.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", teacher.value())));
	}

	/**
	 * The participations of an event: all of them for those who run it; otherwise a
	 * member sees their own row, and an admin the rows of their organisation.
	 */
	public Mono<PersonalData> participations(Caller caller, long eventId) {
		return facts(caller, eventId).flatMap((event) -> {
			if (event.runBy(caller)) {
				return Mono.just(PersonalData.everyone());
			}
			TeacherId self = caller.holds(Role.TEACHER) ? caller.teacher() : null;
			Set<OrganisationId> administered = caller.administers();
			if (self == null && administered.isEmpty()) {
				return Mono.error(forbidden("Participations are personal data: only the people themselves, "
						+ "their organisation's admin and the hosts see them."));
			}
			return (event.draft() ? Mono.<Void>error(forbidden("Event " + eventId + " is a draft."))
					: member(caller, event.network()))
				.thenReturn(new PersonalData(false, self, administered));
		});
	}

	/**
	 * A teacher's personal data (their card): the teacher themself, the admin of their
	 * organisation, a coordinator of a network their organisation is a member of.
	 */
	public Mono<Void> teacher(Caller caller, TeacherId teacher) {
		if (caller.is(teacher)) {
			return Mono.empty();
		}
		return this.database.sql("""
				select t.organisation_id, array(select distinct a.network_id from agreements a
				    where a.organisation_id = t.organisation_id
				    and a.valid_from <= current_date and (a.valid_to is null or a.valid_to >= current_date)) as networks
				from teachers t where t.id = :teacher
				""")
			.bind("teacher", teacher.value())
			.map((row) -> new TeacherFacts(new OrganisationId(row.get("organisation_id", Long.class)),
					networks(row.get("networks", Long[].class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", teacher.value())))
			.flatMap((facts) -> (caller.administers(facts.organisation()) || caller.coordinatesAll()
					|| facts.networks().stream().anyMatch(caller::coordinates)) ? Mono.<Void>empty()
							: Mono.error(forbidden("Teacher " + teacher.value() + "'s data is theirs, their "
									+ "organisation admin's and the coordinator's only.")));
	}

	/**
	 * The people of an organisation with their cards' progress: the admin of that
	 * organisation, a coordinator of a network it is a member of.
	 */
	public Mono<Void> organisationPeople(Caller caller, OrganisationId organisation) {
		if (caller.administers(organisation) || caller.coordinatesAll()) {
			return Mono.empty();
		}
		return memberNetworks(organisation).flatMap((networks) -> networks.stream().anyMatch(caller::coordinates)
				? Mono.<Void>empty() : Mono.error(forbidden("Only the admin of organisation " + organisation.value()
						+ " and the coordinator see its people's cards.")));
	}

	/**
	 * A certificate (its PDF, its Open Badges credential): the holder (the teacher, or
	 * for a network platform the organisation's admin), the admin of the holder's
	 * organisation, a coordinator of the certificate's network.
	 * @param network the network that issued it
	 * @param teacher the teacher who holds it, or {@code null} for an organisation's
	 * @param organisation the holder's organisation (the teacher's, or the holder itself)
	 */
	public Mono<Void> certificate(Caller caller, NetworkId network, TeacherId teacher, OrganisationId organisation) {
		boolean allowed = (teacher != null && caller.is(teacher)) || caller.administers(organisation)
				|| caller.coordinates(network);
		return allowed ? Mono.empty() : Mono.error(forbidden(
				"A certificate is its holder's, their organisation admin's and the " + "coordinator's only."));
	}

	/**
	 * Giving (or taking) a role: the installation's coordinator any; a network's
	 * coordinator the coordinator and expert roles of their network, the admin of a
	 * member organisation, and the teacher role; an organisation admin the teacher role
	 * of their organisation's teachers only.
	 * @param teacher the teacher the account is, or {@code null}
	 */
	public Mono<Void> grant(Caller caller, Grant grant, TeacherId teacher) {
		if (caller.coordinatesAll()) {
			return Mono.empty();
		}
		Mono<Void> refused = Mono.error(forbidden("You may not give or take the role " + grant.role().code()
				+ " in this scope: see the authorization table in docs/security.md."));
		return switch (grant.role()) {
			case COORDINATOR, EXPERT ->
				(grant.network() != null && caller.coordinates(grant.network())) ? Mono.empty() : refused;
			case ORGANISATION_ADMIN -> memberNetworks(grant.organisation())
				.flatMap((networks) -> networks.stream().anyMatch(caller::coordinates) ? Mono.<Void>empty() : refused);
			case TEACHER -> (teacher == null)
					? Mono.error(new IllegalArgumentException("Only a teacher's account holds the teacher role."))
					: this.database.sql("select organisation_id from teachers where id = :teacher")
						.bind("teacher", teacher.value())
						.map((row) -> new OrganisationId(row.get("organisation_id", Long.class)))
						.one()
						.switchIfEmpty(Mono.error(() -> new NotFoundException("teacher", teacher.value())))
						.flatMap((organisation) -> caller.administers(organisation) ? Mono.<Void>empty()
								: memberNetworks(organisation)
									.flatMap((networks) -> networks.stream().anyMatch(caller::coordinates)
											? Mono.<Void>empty() : refused));
		};
	}

	private Mono<Set<NetworkId>> memberNetworks(OrganisationId organisation) {
		return this.database
			.sql("select distinct network_id from agreements where organisation_id = :organisation and " + IN_FORCE)
			.bind("organisation", organisation.value())
			.map((row) -> new NetworkId(row.get("network_id", Long.class)))
			.all()
			.collect(Collectors.toSet());
	}

	private record SelfCheckInFacts(NetworkId network, boolean draft, boolean member) {
	}

	private Mono<EventFacts> facts(Caller caller, long eventId) {
		return this.database.sql("""
				select e.network_id, e.state,
				    array(select h.organisation_id from event_hosts h where h.event_id = e.id) as hosts,
				    exists (select 1 from event_host_people p where p.event_id = e.id and p.user_id = :user) as hosted
				from events e where e.id = :event
				""")
			.bind("event", eventId)
			.bind("user", caller.user().value())
			.map((row) -> new EventFacts(new NetworkId(row.get("network_id", Long.class)),
					"draft".equals(row.get("state", String.class)), organisations(row, "hosts"),
					Boolean.TRUE.equals(row.get("hosted", Boolean.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("event", eventId)));
	}

	private static Set<OrganisationId> organisations(Readable row, String column) {
		Long[] ids = row.get(column, Long[].class);
		return (ids != null) ? Arrays.stream(ids).map(OrganisationId::new).collect(Collectors.toSet()) : Set.of();
	}

	private static Set<NetworkId> networks(Long[] ids) {
		return (ids != null) ? Arrays.stream(ids).map(NetworkId::new).collect(Collectors.toSet()) : Set.of();
	}

	private static Long[] ids(Set<OrganisationId> organisations) {
		return organisations.stream().map(OrganisationId::value).toArray(Long[]::new);
	}

	private static ForbiddenException forbidden(String detail) {
		return new ForbiddenException(detail);
	}

	private record TeacherFacts(OrganisationId organisation, Set<NetworkId> networks) {

	}

	private record EventFacts(NetworkId network, boolean draft, Set<OrganisationId> hosts, boolean hosted) {

		/** Its host people, the admins of its host organisations, the coordinator. */
		boolean runBy(Caller caller) {
			return this.hosted || caller.coordinates(this.network) || this.hosts.stream().anyMatch(caller::administers);
		}

	}

}
