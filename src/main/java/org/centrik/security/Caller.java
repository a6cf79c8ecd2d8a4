package org.centrik.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;

/**
 * Who is calling: the logged-in user as every route and endpoint sees it, whether they
 * came with a session cookie or a bearer token, over HTTP or RSocket. Controllers take it
 * as {@code @AuthenticationPrincipal Caller caller}; what it may do is decided by
 * {@link Access}.
 *
 * @param user the user's id
 * @param login the user's login
 * @param teacher the teacher this user is, or {@code null}
 * @param organisation the teacher's organisation, or {@code null}
 * @param grants the roles, each with its scope
 * @param mustChangePassword whether nothing but changing the password is allowed yet
 * @param family the refresh-token family of the session or token, revoked at logout
 * @param expiresAt when the bearer token expires, or {@code null} for a session
 */
public record Caller(UserId user, String login, TeacherId teacher, OrganisationId organisation, List<Grant> grants,
		boolean mustChangePassword, UUID family, Instant expiresAt) {

	public Caller {
		grants = List.copyOf(grants);
	}

	static Caller of(User user, UUID family) {
		return new Caller(user.id(), user.login(), user.teacher(), user.organisation(), user.grants(),
				user.mustChangePassword(), family, null);
	}

	static Caller of(AccessToken token) {
		return new Caller(token.user(), token.login(), token.teacher(), token.organisation(), token.grants(),
				token.mustChangePassword(), token.family(), token.expiresAt());
	}

	/** The coordinator of every network of the installation. */
	public boolean coordinatesAll() {
		return this.grants.stream().anyMatch((grant) -> grant.role() == Role.COORDINATOR && grant.network() == null);
	}

	/** A coordinator of this network, or of every network. */
	public boolean coordinates(NetworkId network) {
		return this.grants.stream()
			.anyMatch((grant) -> grant.role() == Role.COORDINATOR
					&& (grant.network() == null || grant.network().equals(network)));
	}

	/** An expert of this network. */
	public boolean reviewsFor(NetworkId network) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == Role.EXPERT && network.equals(grant.network()));
	}

	/** The networks this user coordinates by name (not as the installation's). */
	Set<NetworkId> coordinatedNetworks() {
		return this.grants.stream()
			.filter((grant) -> grant.role() == Role.COORDINATOR && grant.network() != null)
			.map(Grant::network)
			.collect(Collectors.toUnmodifiableSet());
	}

	/** Whether the user holds the role in any scope. */
	public boolean holds(Role role) {
		return this.grants.stream().anyMatch((grant) -> grant.role() == role);
	}

	/** The organisations this user is the admin of. */
	public Set<OrganisationId> administers() {
		return this.grants.stream()
			.filter((grant) -> grant.role() == Role.ORGANISATION_ADMIN)
			.map(Grant::organisation)
			.collect(Collectors.toUnmodifiableSet());
	}

	public boolean administers(OrganisationId organisation) {
		return administers().contains(organisation);
	}

	/** The networks this user coordinates or reviews for by name (not the unscoped). */
	Set<NetworkId> namedNetworks() {
		return this.grants.stream()
			.filter((grant) -> grant.network() != null)
			.map(Grant::network)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The organisations whose membership makes this user a member of a network: their own
	 * as a teacher and those they administer.
	 */
	Set<OrganisationId> memberOrganisations() {
		Set<OrganisationId> organisations = new java.util.HashSet<>(administers());
		if (this.organisation != null && holds(Role.TEACHER)) {
			organisations.add(this.organisation);
		}
		return Set.copyOf(organisations);
	}

	/** Whether this user is that teacher. */
	public boolean is(TeacherId teacher) {
		return this.teacher != null && this.teacher.equals(teacher);
	}

	@Override
	public String toString() {
		return "Caller[user=" + this.user.value() + ", login=" + this.login + "]";
	}

}
