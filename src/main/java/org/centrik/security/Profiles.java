package org.centrik.security;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Builds the {@link Profile} of a caller from the database as it is now. */
@Component
class Profiles {

	private final Users users;

	private final DatabaseClient database;

	Profiles(Users users, DatabaseClient database) {
		this.users = users;
		this.database = database;
	}

	Mono<Profile> of(Caller caller) {
		return this.users.find(caller.user())
			.zipWith(this.database.sql("select event_id from event_host_people where user_id = :user order by event_id")
				.bind("user", caller.user().value())
				.map((row) -> row.get("event_id", Long.class))
				.all()
				.collectList())
			.map((found) -> {
				User user = found.getT1();
				return new Profile(user.id().value(), user.login(), user.displayName(),
						(user.teacher() != null) ? user.teacher().value() : null,
						(user.organisation() != null) ? user.organisation().value() : null, user.mustChangePassword(),
						user.grants().stream().map(Grant::details).toList(), found.getT2());
			});
	}

}
