package org.centrik.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.centrik.shared.NetworkId;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Users of every role for the tests of the whole server, created through the real
 * {@link Users} and logged in through the real {@link Tokens}: each test authenticates
 * the way a client does, with a bearer token (HTTP header, RSocket SETUP metadata).
 */
public final class TestAccounts {

	/**
	 * {@code message/x.rsocket.authentication.v0}, the metadata Spring Security reads.
	 */
	public static final MimeType AUTHENTICATION = MimeTypeUtils.parseMimeType("message/x.rsocket.authentication.v0");

	public static final String PASSWORD = "test-password-1";

	private final Users users;

	private final Tokens tokens;

	private final Accounts accounts;

	private final ApplicationContext context;

	public TestAccounts(ApplicationContext context) {
		this.users = context.getBean(Users.class);
		this.tokens = context.getBean(Tokens.class);
		this.accounts = context.getBean(Accounts.class);
		this.context = context;
	}

	public Account coordinatorOfAll() {
		return create(null, Grant.installationCoordinator());
	}

	public Account coordinator(long network) {
		return create(null, Grant.coordinator(new NetworkId(network)));
	}

	public Account expert(long network) {
		return create(null, Grant.expert(new NetworkId(network)));
	}

	public Account admin(long organisation) {
		return create(null, Grant.organisationAdmin(new OrganisationId(organisation)));
	}

	public Account teacher(long teacher) {
		return create(new TeacherId(teacher), Grant.teacher());
	}

	/**
	 * Teacher accounts for many teachers at once (benchmarks): the first is created the
	 * usual way, the others in one statement with its password hash, each then logged in
	 * through the real {@link Tokens}.
	 */
	public List<Account> teachers(List<Long> teachers) {
		Account first = teacher(teachers.get(0));
		DatabaseClient database = this.context.getBean(DatabaseClient.class);
		List<Long> ids = database.sql("""
				insert into users (login, password_hash, display_name, teacher_id)
				select 'bulk-' || t || '-' || :run || '@test.example',
				       (select password_hash from users where id = :first), 'Тестовый пользователь', t
				from unnest(cast(:teachers as bigint[])) as t
				returning id
				""")
			.bind("run", UUID.randomUUID().toString())
			.bind("first", first.id().value())
			.bind("teachers", teachers.subList(1, teachers.size()).toArray(new Long[0]))
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.block();
		database.sql(
				"insert into user_roles (user_id, role) select u, 'teacher' from unnest(cast(:users as bigint[])) as u")
			.bind("users", ids.toArray(new Long[0]))
			.then()
			.block();
		List<Account> accounts = new java.util.ArrayList<>(List.of(first));
		accounts.addAll(reactor.core.publisher.Flux.fromIterable(ids)
			.flatMapSequential((id) -> this.users.find(new UserId(id))
				.flatMap((user) -> this.tokens.issue(user)
					.map((issued) -> new Account(user.id(), user.login(), issued.accessToken(),
							issued.refreshToken()))),
					8)
			.collectList()
			.block());
		return accounts;
	}

	/** A teacher who hosts the event. */
	public Account host(long teacher, long event) {
		Account host = teacher(teacher);
		this.accounts.makeHost(host.id(), event).block();
		return host;
	}

	/** A user with no role at all. */
	public Account nobody() {
		return create(null);
	}

	/** A new access token for the account, e.g. after its roles changed. */
	public String token(Account account) {
		return this.users.find(account.id()).flatMap(this.tokens::issue).map(IssuedTokens::accessToken).block();
	}

	/**
	 * An access token of the account, signed by this server, that expired an hour ago:
	 * well past the 30 seconds of clock skew that verification allows.
	 */
	public String expiredToken(Account account) {
		return tokenSignedAt(account, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)), Duration.ofMinutes(15));
	}

	/**
	 * An access token of the account that expires in {@code remaining} from now (or
	 * expired that long ago, when negative), give or take the second an issue time is
	 * truncated to.
	 */
	public String tokenExpiringIn(Account account, Duration remaining) {
		if (remaining.isNegative() || remaining.isZero()) {
			Duration lifetime = Duration.ofMinutes(1);
			return tokenSignedAt(account, Clock.offset(Clock.systemUTC(), remaining.minus(lifetime)), lifetime);
		}
		return tokenSignedAt(account, Clock.systemUTC(), remaining);
	}

	private String tokenSignedAt(Account account, Clock clock, Duration lifetime) {
		Tokens signer = new Tokens(this.context.getBean(SigningKeys.class), this.users,
				this.context.getBean(DatabaseClient.class),
				TransactionalOperator.create(this.context.getBean(ReactiveTransactionManager.class)), clock, lifetime,
				lifetime.plusDays(1));
		return this.users.find(account.id()).flatMap(signer::issue).map(IssuedTokens::accessToken).block();
	}

	private Account create(TeacherId teacher, Grant... grants) {
		String login = "user-" + UUID.randomUUID() + "@test.example";
		User user = this.users
			.create(new NewUser(login, PASSWORD, "Тестовый пользователь", teacher, List.of(grants), false),
					Actor.system())
			.block();
		IssuedTokens issued = this.tokens.issue(user).block();
		return new Account(user.id(), login, issued.accessToken(), issued.refreshToken());
	}

	/** Logs out: revokes the account's refresh family, and with it its access tokens. */
	public void logout(Account account) {
		this.tokens.revoke(account.refreshToken()).block();
	}

	/**
	 * A logged-in test user.
	 *
	 * @param id the user
	 * @param login the login; the password is {@link TestAccounts#PASSWORD}
	 * @param accessToken a bearer token
	 * @param refreshToken its refresh token
	 */
	public record Account(UserId id, String login, String accessToken, String refreshToken) {

		/** For {@code WebTestClient}'s {@code headers(…)}. */
		public void bearer(HttpHeaders headers) {
			headers.setBearerAuth(this.accessToken);
		}

		/** For an {@code RSocketRequester.Builder}: the SETUP frame's bearer. */
		public RSocketRequester.Builder setup(RSocketRequester.Builder builder) {
			return builder.setupMetadata(new BearerTokenMetadata(this.accessToken), AUTHENTICATION)
				.rsocketStrategies((strategies) -> strategies.encoder(new BearerTokenAuthenticationEncoder()));
		}

		public Mono<String> token() {
			return Mono.just(this.accessToken);
		}

	}

}
