package org.centrik.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.r2dbc.spi.Readable;
import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user accounts and their roles. Creating a user and changing roles write their audit
 * entries in the same transaction.
 */
@Service
class Users {

	private static final String USERS = "select u.id, u.login, u.password_hash, u.display_name, u.teacher_id, "
			+ "t.organisation_id, u.enabled, u.must_change_password from users u "
			+ "left join teachers t on t.id = u.teacher_id";

	private final DatabaseClient database;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	/**
	 * A hash no password matches, checked when the login is unknown, so that an unknown
	 * login costs the same time as a wrong password.
	 */
	private final String unknownUserHash;

	Users(DatabaseClient database, PasswordEncoder passwords, AuditLog audit) {
		this.database = database;
		this.passwords = passwords;
		this.audit = audit;
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		this.unknownUserHash = passwords.encode(Base64.getEncoder().encodeToString(random));
	}

	/**
	 * Creates the user with their roles; fails, writing nothing, when the login is taken,
	 * the teacher already has an account, or a role's scope does not exist.
	 */
	@Transactional
	public Mono<User> create(NewUser user, Actor by) {
		return encode(user.password()).flatMap((hash) -> insert(user, hash)).flatMap((id) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("login", user.login());
			if (user.teacher() != null) {
				details.put("teacher", user.teacher().value());
			}
			return this.audit.record(by, AuditAction.USER_CREATED, target(id), details)
				.thenMany(Flux.fromIterable(user.grants()).concatMap((grant) -> grant(id, grant, by)))
				.then(find(id));
		});
	}

	/** The user whose login this is, whatever its case. */
	public Mono<User> findByLogin(String login) {
		return this.database.sql(USERS + " where lower(u.login) = lower(:login)")
			.bind("login", login.trim())
			.map((row) -> account(row))
			.one()
			.flatMap((account) -> withGrants(account));
	}

	public Mono<User> find(UserId id) {
		return this.database.sql(USERS + " where u.id = :id")
			.bind("id", id.value())
			.map((row) -> account(row))
			.one()
			.flatMap((account) -> withGrants(account));
	}

	/**
	 * The user when the password is theirs and the account is enabled; empty otherwise,
	 * the same way and after the same work whether or not the login exists.
	 */
	public Mono<User> authenticate(String login, CharSequence password) {
		return this.database.sql(USERS + " where lower(u.login) = lower(:login)")
			.bind("login", login.trim())
			.map((row) -> Optional.of(account(row)))
			.one()
			.defaultIfEmpty(Optional.empty())
			.flatMap((account) -> matches(password, account.map(Account::passwordHash).orElse(this.unknownUserHash))
				.filter((matches) -> matches && account.isPresent() && account.get().enabled())
				.flatMap((matches) -> withGrants(account.get())));
	}

	/**
	 * Grants the role; {@code false}, writing nothing, when the user already holds it.
	 */
	@Transactional
	public Mono<Boolean> grant(UserId user, Grant grant, Actor by) {
		GenericExecuteSpec insert = this.database.sql("""
				insert into user_roles (user_id, role, network_id, organisation_id)
				values (:user, :role, :network, :organisation) on conflict do nothing
				""").bind("user", user.value()).bind("role", grant.role().code());
		return scope(insert, grant).fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false)
					: this.audit.record(by, AuditAction.ROLE_GRANTED, target(user), grant.details()).thenReturn(true));
	}

	/**
	 * Revokes the role; {@code false}, writing nothing, when the user does not hold it.
	 */
	@Transactional
	public Mono<Boolean> revoke(UserId user, Grant grant, Actor by) {
		GenericExecuteSpec delete = this.database.sql("""
				delete from user_roles where user_id = :user and role = :role
				and network_id is not distinct from :network and organisation_id is not distinct from :organisation
				""").bind("user", user.value()).bind("role", grant.role().code());
		return scope(delete, grant).fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 0) ? Mono.just(false)
					: this.audit.record(by, AuditAction.ROLE_REVOKED, target(user), grant.details()).thenReturn(true));
	}

	/**
	 * Sets a new password and clears {@code must_change_password}, audited in the same
	 * transaction.
	 */
	@Transactional
	public Mono<Void> changePassword(UserId user, String password, Actor by) {
		return encode(password)
			.flatMap((hash) -> this.database
				.sql("update users set password_hash = :hash, must_change_password = false where id = :id")
				.bind("hash", hash)
				.bind("id", user.value())
				.then())
			.then(this.audit.record(by, AuditAction.PASSWORD_CHANGED, target(user), Map.of()));
	}

	/** Whether any user holds the coordinator role, of any network or of all. */
	public Mono<Boolean> anyCoordinator() {
		return this.database.sql("select exists (select 1 from user_roles where role = 'coordinator') as found")
			.map((row) -> row.get("found", Boolean.class))
			.one();
	}

	private Mono<UserId> insert(NewUser user, String hash) {
		GenericExecuteSpec insert = this.database.sql("""
				insert into users (login, password_hash, display_name, teacher_id, must_change_password)
				values (:login, :hash, :name, :teacher, :mustChange) returning id
				""")
			.bind("login", user.login().trim())
			.bind("hash", hash)
			.bind("name", user.displayName())
			.bind("mustChange", user.mustChangePassword());
		insert = (user.teacher() != null) ? insert.bind("teacher", user.teacher().value())
				: insert.bindNull("teacher", Long.class);
		return insert.map((row) -> new UserId(row.get("id", Long.class))).one();
	}

	private Mono<User> withGrants(Account account) {
		return this.database.sql("""
				select role, network_id, organisation_id from user_roles where user_id = :user
				order by role, network_id nulls first, organisation_id nulls first
				""").bind("user", account.id().value()).map((row) -> grant(row)).all().collectList().map((grants) -> {
			return new User(account.id(), account.login(), account.displayName(), account.teacher(),
					account.organisation(), account.enabled(), account.mustChangePassword(), grants);
		});
	}

	private Mono<String> encode(String password) {
		return Mono.fromCallable(() -> this.passwords.encode(password)).subscribeOn(Schedulers.boundedElastic());
	}

	// Hashing is slow by design: never on an event-loop thread.
	private Mono<Boolean> matches(CharSequence password, String hash) {
		return Mono.fromCallable(() -> this.passwords.matches(password, hash)).subscribeOn(Schedulers.boundedElastic());
	}

	private static GenericExecuteSpec scope(GenericExecuteSpec spec, Grant grant) {
		spec = (grant.network() != null) ? spec.bind("network", grant.networkId())
				: spec.bindNull("network", Long.class);
		return (grant.organisation() != null) ? spec.bind("organisation", grant.organisationId())
				: spec.bindNull("organisation", Long.class);
	}

	private static String target(UserId user) {
		return "user:" + user.value();
	}

	private static Account account(Readable row) {
		Long teacher = row.get("teacher_id", Long.class);
		Long organisation = row.get("organisation_id", Long.class);
		return new Account(new UserId(row.get("id", Long.class)), row.get("login", String.class),
				row.get("password_hash", String.class), row.get("display_name", String.class),
				(teacher != null) ? new TeacherId(teacher) : null,
				(organisation != null) ? new OrganisationId(organisation) : null,
				Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
				Boolean.TRUE.equals(row.get("must_change_password", Boolean.class)));
	}

	private static Grant grant(Readable row) {
		Long network = row.get("network_id", Long.class);
		Long organisation = row.get("organisation_id", Long.class);
		return new Grant(Role.of(row.get("role", String.class)), (network != null) ? new NetworkId(network) : null,
				(organisation != null) ? new OrganisationId(organisation) : null);
	}

	private record Account(UserId id, String login, String passwordHash, String displayName, TeacherId teacher,
			OrganisationId organisation, boolean enabled, boolean mustChangePassword) {

	}

}
