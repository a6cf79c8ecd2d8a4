package org.centrik.security;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.centrik.shared.NetworkId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Service;

/**
 * The audit log of security-relevant events. Writers record in their own transaction, so
 * an entry exists exactly when the change it describes was committed; the coordinator
 * reads it newest first.
 */
@Service
public class AuditLog {

	/** The most entries one page of {@link #entries} returns. */
	public static final int MAX_PAGE = 200;

	/**
	 * The users of networks: roles scoped to them or a member, or teaching at a member.
	 */
	private static final String NETWORK_USERS = """
			select r.user_id from user_roles r where r.network_id = any(:networks)
			    or r.organisation_id in (select a.organisation_id from agreements a where a.network_id = any(:networks))
			union
			select u.id from users u join teachers t on t.id = u.teacher_id
			    join agreements a on a.organisation_id = t.organisation_id where a.network_id = any(:networks)
			""";

	private final DatabaseClient database;

	private final JsonMapper json;

	AuditLog(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/**
	 * Records an entry in the caller's transaction, if any.
	 * @param actor who did it
	 * @param action what they did
	 * @param target what they did it to, or {@code null}
	 * @param details further facts, written as a JSON object
	 * @return completes when the row is written
	 */
	public Mono<Void> record(Actor actor, AuditAction action, String target, Map<String, ?> details) {
		GenericExecuteSpec insert = this.database.sql("""
				insert into audit_log (actor_user_id, actor_login, action, target, address, details)
				values (:user, :login, :action, :target, :address, :details)
				""").bind("action", action.code()).bind("details", Json.of(this.json.writeValueAsString(details)));
		insert = bindNullable(insert, "user", (actor.user() != null) ? actor.user().value() : null, Long.class);
		insert = bindNullable(insert, "login", actor.login(), String.class);
		insert = bindNullable(insert, "target", target, String.class);
		insert = bindNullable(insert, "address", actor.address(), String.class);
		return insert.then();
	}

	/**
	 * A page of entries, newest first.
	 * @param action only entries of this action, or {@code null} for all
	 * @param beforeId only entries older than this id (the last id of the previous page),
	 * or {@code null} for the newest
	 * @param size at most this many, 1 to {@link #MAX_PAGE}
	 * @return the entries
	 */
	public Flux<AuditEntry> entries(AuditAction action, Long beforeId, int size) {
		return entries(action, beforeId, size, null);
	}

	/**
	 * A page of the entries of the users of these networks: whose roles are scoped to
	 * them or to a member organisation, or who teach at a member organisation.
	 * @param networks the networks, or {@code null} for every entry
	 */
	Flux<AuditEntry> entries(AuditAction action, Long beforeId, int size, Set<NetworkId> networks) {
		if (size < 1 || size > MAX_PAGE) {
			return Flux.error(new IllegalArgumentException("Page size must be between 1 and " + MAX_PAGE + "."));
		}
		StringBuilder sql = new StringBuilder("""
				select id, at, actor_user_id, actor_login, action, target, address, details::text as details
				from audit_log where true""");
		if (networks != null) {
			sql.append(" and actor_user_id in (").append(NETWORK_USERS).append(")");
		}
		if (action != null) {
			sql.append(" and action = :action");
		}
		if (beforeId != null) {
			sql.append(" and id < :before");
		}
		sql.append(" order by id desc limit :size");
		GenericExecuteSpec query = this.database.sql(sql.toString()).bind("size", size);
		if (networks != null) {
			query = query.bind("networks", networks.stream().map(NetworkId::value).toArray(Long[]::new));
		}
		if (action != null) {
			query = query.bind("action", action.code());
		}
		if (beforeId != null) {
			query = query.bind("before", beforeId);
		}
		return query.map((row) -> entry(row)).all();
	}

	private static AuditEntry entry(Readable row) {
		Long user = row.get("actor_user_id", Long.class);
		Actor actor = new Actor((user != null) ? new UserId(user) : null, row.get("actor_login", String.class),
				row.get("address", String.class));
		return new AuditEntry(row.get("id", Long.class), row.get("at", OffsetDateTime.class).toInstant(), actor,
				AuditAction.of(row.get("action", String.class)), row.get("target", String.class),
				row.get("details", String.class));
	}

	private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

}
