package org.centrik.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import org.centrik.security.Access;
import org.centrik.security.Caller;
import org.centrik.shared.NetworkId;
import org.centrik.shared.NotFoundException;
import org.centrik.shared.OrganisationId;
import org.centrik.shared.TeacherId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendar feeds of the schedule for calendar apps, at a secret URL that needs no login:
 * a network's events, an organisation's (those it hosts), a teacher's (those they
 * registered for or present at). The owner creates and revokes them; only the SHA-256 of
 * a token is stored, so the URL is shown once. A feed never shows drafts.
 */
@Service
public class CalendarFeeds {

	private static final SecureRandom random = new SecureRandom();

	private static final String VISIBLE = "e.published_at is not null and e.ends_at > now() - interval '90 days' ";

	private final DatabaseClient database;

	private final Schedule schedule;

	private final Access access;

	CalendarFeeds(DatabaseClient database, Schedule schedule, Access access) {
		this.database = database;
		this.schedule = schedule;
		this.access = access;
	}

	/**
	 * A new feed of the caller's: of a network they are a member of, an organisation they
	 * run or teach at, or a teacher whose data they may see.
	 * @return the feed with its token, shown this once
	 */
	@Transactional
	public Mono<NewFeed> create(Scope scope, long id, Caller caller) {
		Mono<Void> allowed = switch (scope) {
			case NETWORK -> this.access.member(caller, new NetworkId(id));
			case ORGANISATION -> this.access.organisationSchedule(caller, new OrganisationId(id));
			case TEACHER -> this.access.teacher(caller, new TeacherId(id));
		};
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		return allowed.then(this.database
			.sql("insert into calendar_feeds (owner_id, scope, " + scope.column()
					+ ", token_hash) values (:owner, :scope, :id, :hash) returning id, created_at")
			.bind("owner", caller.user().value())
			.bind("scope", scope.code())
			.bind("id", id)
			.bind("hash", sha256(token))
			.map((row) -> new NewFeed(row.get("id", Long.class), scope.code(), id, "/calendar/" + token + ".ics",
					row.get("created_at", Instant.class)))
			.one());
	}

	/** The caller's feeds in force (their URLs are not kept). */
	public Flux<Feed> mine(Caller caller) {
		return this.database.sql("""
				select id, scope, coalesce(network_id, organisation_id, teacher_id) as target, created_at
				from calendar_feeds where owner_id = :owner and revoked_at is null order by id
				""")
			.bind("owner", caller.user().value())
			.map((row) -> new Feed(row.get("id", Long.class), row.get("scope", String.class),
					row.get("target", Long.class), row.get("created_at", Instant.class)))
			.all();
	}

	/** Revokes one of the caller's feeds: its URL answers 404 from now on. */
	public Mono<Void> revoke(long feed, Caller caller) {
		return this.database.sql("""
				update calendar_feeds set revoked_at = coalesce(revoked_at, now())
				where id = :id and owner_id = :owner
				""")
			.bind("id", feed)
			.bind("owner", caller.user().value())
			.fetch()
			.rowsUpdated()
			.flatMap((updated) -> (updated == 0) ? Mono.error(new NotFoundException("calendar feed", feed))
					: Mono.empty());
	}

	/**
	 * The iCalendar file of the feed with this token: events that ended in the last 90
	 * days and every later one, cancelled ones marked so.
	 */
	public Mono<String> calendar(String token) {
		return this.database.sql("""
				select f.scope, coalesce(f.network_id, f.organisation_id, f.teacher_id) as target,
				       coalesce(n.name, o.name, t.last_name || ' ' || t.first_name) as name
				from calendar_feeds f
				left join networks n on n.id = f.network_id
				left join organisations o on o.id = f.organisation_id
				left join teachers t on t.id = f.teacher_id
				where f.token_hash = :hash and f.revoked_at is null
				""")
			.bind("hash", sha256(token))
			.map((row) -> new Target(Scope.of(row.get("scope", String.class)), row.get("target", Long.class),
					row.get("name", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("calendar feed", "in this URL")))
			.flatMap((target) -> events(target).collectList()
				.map((events) -> CalendarFile.write("Centrik: " + target.name(), events, Instant.now())));
	}

	private Flux<Event> events(Target target) {
		return switch (target.scope()) {
			case NETWORK -> this.schedule.events(VISIBLE + "and e.network_id = :id", "id", target.id());
			case ORGANISATION -> this.schedule.events(VISIBLE
					+ "and exists (select 1 from event_hosts h where h.event_id = e.id and h.organisation_id = :id)",
					"id", target.id());
			case TEACHER -> this.schedule.events(VISIBLE + """
					and (exists (select 1 from event_registrations g where g.event_id = e.id and g.teacher_id = :id
					             and g.status in ('registered', 'waitlisted'))
					     or exists (select 1 from event_presenters p where p.event_id = e.id and p.teacher_id = :id))
					""", "id", target.id());
		};
	}

	static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a feed shows. */
	public enum Scope {

		NETWORK, ORGANISATION, TEACHER;

		String code() {
			return name().toLowerCase(Locale.ROOT);
		}

		String column() {
			return code() + "_id";
		}

		static Scope of(String code) {
			try {
				return valueOf(code.toUpperCase(Locale.ROOT));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("'scope' is network, organisation or teacher.");
			}
		}

	}

	/**
	 * A feed just created.
	 *
	 * @param url the secret URL (relative to the server), shown this once
	 */
	public record NewFeed(long id, String scope, long targetId, String url, Instant createdAt) {
	}

	/** A feed in force, without its secret. */
	public record Feed(long id, String scope, long targetId, Instant createdAt) {
	}

	private record Target(Scope scope, long id, String name) {
	}

}
