package org.centrik.security;

import java.security.SecureRandom;
import java.util.List;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import org.centrik.shared.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Accounts and roles, by those who may give them ({@link Access#grant}): a coordinator in
 * their networks, an organisation admin for the teachers of their organisation.
 * <ul>
 * <li>{@code POST /api/users}
 * {@code {"login", "displayName", "teacherId"?, "roles": [{"role", "network"?,
 * "organisation"?}]}} → 201 with a one-time password, shown this once; it must be changed
 * at the first login.
 * <li>{@code PUT /api/users/{id}/roles} {@code {"role", "network"?, "organisation"?}} →
 * 204 (granted, or already held).
 * <li>{@code DELETE /api/users/{id}/roles?role=&network=&organisation=} → 204.
 * </ul>
 * Every change is audited ({@code user_created}, {@code role_granted},
 * {@code role_revoked}) with who did it.
 */
@RestController
class UsersController {

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private static final int ONE_TIME_PASSWORD_LENGTH = 16;

	private final SecureRandom random = new SecureRandom();

	private final Users users;

	private final Access access;

	UsersController(Users users, Access access) {
		this.users = users;
		this.access = access;
	}

	@PostMapping("/api/users")
	Mono<ResponseEntity<Created>> create(@RequestBody NewAccount body, @AuthenticationPrincipal Caller caller,
			ServerWebExchange exchange) {
		if (body.login() == null || !body.login().contains("@") || body.displayName() == null
				|| body.displayName().isBlank()) {
			return Mono
				.error(new IllegalArgumentException("A login (an e-mail address) and a displayName are needed."));
		}
		List<Grant> grants = (body.roles() != null) ? body.roles().stream().map(RoleRequest::grant).toList()
				: List.of();
		TeacherId teacher = (body.teacherId() != null) ? new TeacherId(body.teacherId()) : null;
		String password = oneTimePassword();
		Actor actor = actor(caller, exchange);
		return Flux.fromIterable(grants)
			.concatMap((grant) -> this.access.grant(caller, grant, teacher))
			.then(this.users.create(new NewUser(body.login(), password, body.displayName(), teacher, grants, true),
					actor))
			.onErrorMap(DataIntegrityViolationException.class,
					(ex) -> conflict("The login is taken, the teacher already has an account, "
							+ "or a role's scope does not exist."))
			.map((user) -> ResponseEntity.status(HttpStatus.CREATED)
				.cacheControl(CacheControl.noStore())
				.body(new Created(user.id().value(), user.login(), password)));
	}

	@PutMapping("/api/users/{id}/roles")
	Mono<ResponseEntity<Void>> grant(@PathVariable long id, @RequestBody RoleRequest body,
			@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
		UserId user = new UserId(id);
		Grant grant = body.grant();
		return target(user).flatMap((target) -> this.access.grant(caller, grant, target.teacher()))
			.then(this.users.grant(user, grant, actor(caller, exchange)))
			.onErrorMap(DataIntegrityViolationException.class,
					(ex) -> conflict("The role's scope does not exist, or only a teacher's account holds 'teacher'."))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@DeleteMapping("/api/users/{id}/roles")
	Mono<ResponseEntity<Void>> revoke(@PathVariable long id, @RequestParam String role,
			@RequestParam(required = false) Long network, @RequestParam(required = false) Long organisation,
			@AuthenticationPrincipal Caller caller, ServerWebExchange exchange) {
		UserId user = new UserId(id);
		Grant grant = new RoleRequest(role, network, organisation).grant();
		return target(user).flatMap((target) -> this.access.grant(caller, grant, target.teacher()))
			.then(this.users.revoke(user, grant, actor(caller, exchange)))
			.thenReturn(ResponseEntity.noContent().build());
	}

	private Mono<User> target(UserId user) {
		return this.users.find(user)
			.switchIfEmpty(Mono.error(() -> new org.centrik.shared.NotFoundException("user", user.value())));
	}

	private String oneTimePassword() {
		StringBuilder password = new StringBuilder(ONE_TIME_PASSWORD_LENGTH);
		for (int i = 0; i < ONE_TIME_PASSWORD_LENGTH; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	private static Actor actor(Caller caller, ServerWebExchange exchange) {
		return new Actor(caller.user(), caller.login(), AuthController.address(exchange.getRequest()));
	}

	private static ErrorResponseException conflict(String detail) {
		return Problems.problem(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
	}

	/**
	 * A new account.
	 *
	 * @param login an e-mail address
	 * @param displayName the name shown
	 * @param teacherId the teacher this account is, or {@code null}
	 * @param roles the roles to grant
	 */
	record NewAccount(String login, String displayName, Long teacherId, List<RoleRequest> roles) {

	}

	/**
	 * A role with its scope.
	 *
	 * @param role {@code coordinator}, {@code expert}, {@code organisation_admin} or
	 * {@code teacher}
	 * @param network the network scope, if any
	 * @param organisation the organisation scope, if any
	 */
	record RoleRequest(String role, Long network, Long organisation) {

		Grant grant() {
			Role parsed;
			try {
				parsed = Role.of((this.role != null) ? this.role : "");
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Unknown role '" + this.role + "': coordinator, expert, organisation_admin or teacher.");
			}
			return new Grant(parsed, (this.network != null) ? new NetworkId(this.network) : null,
					(this.organisation != null) ? new OrganisationId(this.organisation) : null);
		}

	}

	/**
	 * The account made, with its one-time password: shown this once, to be passed on to
	 * its owner and changed at their first login.
	 *
	 * @param id the user's id
	 * @param login the login
	 * @param oneTimePassword the password to change at the first login
	 */
	record Created(long id, String login, String oneTimePassword) {

		@Override
		public String toString() {
			return "Created[id=" + this.id + ", login=" + this.login + "]";
		}

	}

}
